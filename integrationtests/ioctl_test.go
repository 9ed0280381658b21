package integrationtests

import "testing"

func TestIoctl(t *testing.T) { runFamily(t, "ioctl") }
