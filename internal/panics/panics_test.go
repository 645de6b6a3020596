package panics

import (
	"strings"
	"testing"
)

//go:noinline
func explode(secret string) {
	var a []int
	_ = a[len(secret)] // index out of range
}

func contained(secret string) (err *Error) {
	defer func() {
		if recover() != nil {
			err = Recovered()
		}
	}()
	explode(secret)
	return nil
}

func TestRecoveredKeepsWhereNotWhat(t *testing.T) {
	const secret = "13800138000"
	e := contained(secret)
	if e == nil {
		t.Fatal("no panic recovered")
	}
	if len(e.Stack) == 0 || !strings.Contains(e.Stack[0], "panics.explode:") {
		t.Errorf("stack %q does not start at the panicking function", e.Stack)
	}
	for _, f := range e.Stack {
		if strings.HasPrefix(f, "runtime.") || strings.Contains(f, secret) {
			t.Errorf("stack frame %q", f)
		}
	}
	if e.Error() != "inspection panicked" || strings.Contains(e.Error(), secret) {
		t.Errorf("message %q", e.Error())
	}
}
