package scancmd

import (
	"io"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// A panic while an input is scanned is contained here: that input's
// output stops where the scan failed (the redactor's unscanned tail is
// never written), the other inputs are still scanned, and the run ends
// with ExitPanic after a plain message naming the input, never its
// content, which the panic's value may quote.

// newStreamRedactor is the call through which every input read as text
// reaches the engine: bodyformat's text stream, which reads each chunk
// as the handler reads a text body of media type mt. It is a variable
// only so that tests can make it panic; nothing else sets it.
var newStreamRedactor = func(e *detect.Engine, w io.Writer, mt string, found func(detect.Finding)) streamRedactor {
	return bodyformat.NewTextStreamAs(e, w, mt, found)
}

// streamRedactor is what a scan needs of a *detect.StreamRedactor.
type streamRedactor interface {
	Write(p []byte) (int, error)
	Close() error
}

// scanPanic is the failure of an input whose scan panicked.
type scanPanic struct{ name string }

// Error names the input and what became of its output.
func (e scanPanic) Error() string {
	name := e.name
	if name == stdinName {
		name = "standard input"
	}
	return "pii-scan: " + name + ": internal error (panic) while scanning; " +
		"the output of this input stops where the scan failed. This is a bug: please report it."
}

// scanContained is scanFile with a panic turned into a scanPanic.
func (s *scanner) scanContained(name string, stdin io.Reader) (err error) {
	defer func() {
		if recover() != nil {
			err = scanPanic{name}
		}
	}()
	return s.scanFile(name, stdin)
}
