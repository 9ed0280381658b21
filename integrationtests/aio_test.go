package integrationtests

import "testing"

func TestAIO(t *testing.T) { runFamily(t, "aio") }
