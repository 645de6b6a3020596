package scancmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/piifilter/caddy-pii-filter/bodyformat"
	"github.com/piifilter/caddy-pii-filter/detect"
)

// An input is read as the handler reads a body of its format, through
// bodyformat: JSON is walked as JSON (escapes decoded, a number holding an
// identifier becomes a string, the output stays valid JSON), a form as a
// form, HTML and XML through their markup, a compressed file decompressed.
// Plain text is streamed with bounded memory through bodyformat's text
// stream, in every reading a buffered text/plain body gets, and Markdown
// so in those of a text/markdown body (its soft breaks folded); the other
// formats are read whole, up to maxStructured bytes.

// maxStructured bounds an input read whole (a JSON document, a form, a
// page, a compressed file once decompressed).
const maxStructured = 256 << 20

// The --format values and the media type each is read as.
var formats = map[string]string{
	"text":      "text/plain",
	"markdown":  markdownType,
	"json":      "application/x-ndjson", // one JSON value, or several (JSON lines)
	"ndjson":    "application/x-ndjson",
	"form":      "application/x-www-form-urlencoded",
	"html":      "text/html",
	"xml":       "application/xml",
	"multipart": "multipart/form-data",
}

// formatNames lists the --format values for messages.
const formatNames = "auto, text, markdown, json, ndjson, form, html, xml, multipart"

// markdownType is the media type Markdown is read as: streamed as text
// is, its soft line breaks read as the spaces a renderer shows
// (bodyformat's folded lines).
const markdownType = "text/markdown"

// yamlType is the media type a YAML file is read as: streamed as text
// is, every scalar's indented lines read folded as a YAML parser folds
// them (text/plain folds only those a key line opens its value on).
const yamlType = "application/yaml"

// streamed reports whether an input of media type ct (from contentType)
// is streamed as text: plain text (""), Markdown or YAML.
func streamed(ct string) bool { return ct == "" || ct == markdownType || ct == yamlType }

// yamlName reports whether a file's name says YAML (.yaml, .yml): read so
// when its format is sniffed as text.
func yamlName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml")
}

// markdownName reports whether a file's name says Markdown (.md,
// .markdown): read so when its format is sniffed as text.
func markdownName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown")
}

// errBinary is the error of an input that is no format pii-scan reads
// (and holds no form field with personal data: scanBinary).
var errBinary = errors.New("not text (an image, an archive, …): pii-scan reads text, JSON, forms, HTML, XML and multipart, and gzip or zstd files of them; use --format to say which")

// contentType returns the media type an input is read as: the --format
// one, or, for auto, one sniffed from its head (already decompressed),
// "" for plain text to be streamed (markdownType for --format markdown,
// streamed too), or errBinary.
func contentType(format, boundary string, head []byte) (string, error) {
	if format != "" && format != "auto" {
		ct, ok := formats[format]
		if !ok {
			return "", fmt.Errorf("--format: unknown format %q (valid: %s)", format, formatNames)
		}
		if format == "multipart" {
			if boundary == "" {
				return "", errors.New("--format multipart needs --boundary")
			}
			ct += "; boundary=" + boundary
		}
		if format == "text" {
			return "", nil
		}
		return ct, nil
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return "", nil
	case trimmed[0] == '{' || trimmed[0] == '[':
		return formats["json"], nil
	case bytes.HasPrefix(trimmed, []byte("<?xml")):
		return formats["xml"], nil
	case trimmed[0] == '<':
		return formats["html"], nil
	case !bodyformat.IsText("", head):
		return "", errBinary
	}
	return "", nil
}

// coding returns the compression a file's first bytes announce: gzip,
// zstd or lz4 (bodyformat.Decompress reads them all), or "".
func coding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "gzip"
	case bodyformat.ZstdFile(head):
		return "zstd" // (skippable frames before it too)
	case bodyformat.LZ4File(head):
		return bodyformat.FormatLZ4
	}
	return ""
}

// readWhole reads an input whole, decompressed when coding says so, up to
// maxStructured bytes.
func readWhole(name string, r io.Reader, coding, ct string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxStructured+1))
	if err != nil {
		return nil, readFailure(name, err)
	}
	if len(data) > maxStructured {
		hint := "; use --format text to stream it as text"
		if ct == wideTextName {
			hint = "" // wide text is read whole in any case
		}
		return nil, fmt.Errorf("%s: larger than %d MiB to read whole as %s%s", displayName(name), maxStructured>>20, ct, hint)
	}
	if coding == "" {
		return data, nil
	}
	if data, err = bodyformat.Decompress(data, coding, maxStructured); err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	return data, nil
}

// scanStructured reads the whole, decompressed content of an input of
// media type ct through bodyformat and writes its redacted form. The
// report's start and end count within the decoded piece of text (a JSON
// string, a form value) each finding was in, within the document for HTML
// and XML.
func (s *scanner) scanStructured(name string, data []byte, ct string, found func(detect.Finding)) error {
	mode := bodyformat.Redact
	if s.check {
		mode = bodyformat.Scan
	}
	res, err := bodyformat.Inspect(s.eng, data, ct, "", mode, bodyformat.Limits{MaxDecoded: maxStructured})
	if err != nil {
		return fmt.Errorf("%s: cannot read as %s: %w", displayName(name), ct, err)
	}
	for _, f := range res.Findings {
		found(f)
	}
	s.bytes += int64(len(data))
	s.prog.update(s.bytes, s.findings)
	if _, err := s.out.Write(res.Body); err != nil {
		return outputError{fmt.Errorf("writing output: %w", err)}
	}
	return nil
}

// displayName names an input in messages.
func displayName(name string) string {
	if name == stdinName {
		return "standard input"
	}
	return name
}

// readFailure is the error of an input that could not be read.
func readFailure(name string, err error) error {
	if name == stdinName {
		return fmt.Errorf("reading standard input: %w", err)
	}
	return err // *PathError names the file
}

// errBinaryFound is the error of a binary input, scanned for output,
// that holds form fields with personal data: binary is not rewritten.
var errBinaryFound = errors.New("not text, but holds form fields with personal data (what a form parser reads in it): pii-scan does not rewrite binary, nothing was written for it; --check reports it")

// scanBinary reads an input that is no text (errBinary) as pii_filter
// reads a request body of no type whose first bytes are no text: through
// bodyformat's binary screen, for the form fields a parser reads in it
// ("\x00\x00&tel=<mobile>"), streamed with bounded memory. What it finds
// is reported; with --check that is all (exit 1 when found), without it
// the input is an error, since binary is never rewritten: errBinaryFound.
// An input in which it finds nothing is errBinary, as before.
func (s *scanner) scanBinary(name string, src io.Reader, found func(detect.Finding)) error {
	screen, err := bodyformat.NewBinaryScreen(s.eng, src, bodyformat.Scan, bodyformat.Limits{})
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(name), err)
	}
	n, err := io.Copy(io.Discard, screen)
	s.bytes += n
	if err != nil {
		return readFailure(name, err)
	}
	res := screen.Result()
	for _, f := range res.Findings {
		found(f)
	}
	s.prog.update(s.bytes, s.findings)
	if err := s.rep.Err(); err != nil {
		return outputError{fmt.Errorf("writing report: %w", err)}
	}
	switch {
	case res.Summary.Categories == 0:
		return fmt.Errorf("%s: %w", displayName(name), errBinary)
	case !s.check:
		return fmt.Errorf("%s: %w", displayName(name), errBinaryFound)
	}
	return nil
}
