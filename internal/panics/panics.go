// Package panics describes a panic recovered at one of the project's
// boundaries (the pii_filter handler, the pii matcher, the pii log filter,
// pii-scan) without its value: a panic in the engine may carry bytes of the
// text it was inspecting, so only a fixed reason and the functions on the
// stack are kept.
package panics

import (
	"runtime"
	"strconv"
	"strings"
)

// Reason is the one name a contained panic goes by in logs, metrics and
// messages.
const Reason = "panic"

// maxFrames bounds the stack kept.
const maxFrames = 16

// Error is a panic turned into an error at a boundary. It holds where the
// panic happened, never what it was raised with.
type Error struct {
	// Stack lists the functions from the one that panicked outwards, as
	// "package.Function:line"; no argument or value is in it.
	Stack []string
}

// Error returns a fixed message: the panic's value is not kept.
func (e *Error) Error() string { return "inspection panicked" }

// Recovered returns the Error of the panic being recovered. Call it from
// the deferred function that called recover, while the panicking stack is
// still there to be read.
func Recovered() *Error {
	return &Error{Stack: stack()}
}

// stack returns the frames below runtime.gopanic: the code that panicked
// and its callers, runtime frames left out.
func stack() []string {
	var pcs [64]uintptr
	n := runtime.Callers(3, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	var out []string
	panicking := false
	for len(out) < maxFrames {
		fr, more := frames.Next()
		switch {
		case fr.Function == "runtime.gopanic":
			panicking, out = true, out[:0]
		case panicking && !strings.HasPrefix(fr.Function, "runtime."):
			out = append(out, fr.Function+":"+strconv.Itoa(fr.Line))
		}
		if !more {
			break
		}
	}
	return out
}
