package integrationtests

import "testing"

func TestFcntl(t *testing.T) { runFamily(t, "fcntl") }
