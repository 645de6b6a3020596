// Package bodyformat is the one place where HTTP bodies are decoded for
// inspection: content encodings (gzip, deflate, zstd, br), JSON, HTML
// forms, multipart forms, HTML/XML and plain text. It runs the detection
// engine over the text inside a body and, when asked to redact, re-encodes
// only what changed, so the result is always a valid body of the same
// format. The HTTP handler, the request matcher and the CLI all use it; it
// imports nothing from Caddy.
package bodyformat

import (
	"context"
	"errors"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// Mode says whether Inspect only reports findings or also rewrites.
type Mode int

// The modes of Inspect.
const (
	Scan   Mode = iota // report findings, leave the body as it is
	Redact             // report findings and return the redacted body
)

// Limits bound the work and memory one body may cost. A zero field takes
// its default (DefaultMaxDecoded, DefaultMaxDepth, DefaultMaxParts,
// DefaultMaxRatio, DefaultWorkFactor times MaxDecoded).
type Limits struct {
	MaxDecoded int64 // largest body after decompression (default 16 MiB): a bomb guard
	// MaxRatio bounds how many times its encoded size a compressed body
	// may decode to (default 1000, about the most gzip can reach); a body
	// may always decode to 64 KiB. More is ErrTooLarge.
	MaxRatio int64
	// MaxWork bounds the work of inspecting one body, counted in bytes
	// of text the engine reads: every reading of every piece (a string
	// read both with its escapes decoded and as written counts twice). The
	// engine's steps are linear in the bytes it reads (a CI test counts
	// them), so this bounds its CPU time. More is ErrWork.
	MaxWork  int64
	MaxDepth int // deepest JSON nesting (default 256, at most 10000); deeper documents are scanned as text, refused (ErrMalformed) when they hold digits the text reading leaves unmasked in two runs or more
	MaxParts int // most multipart parts, nested ones and pipelined HTTP messages included (default 256); more is ErrMalformed
	// Context, when set, stops the inspection once it is done: ErrCanceled.
	// It is checked between pieces of text and chunks of decompressed
	// output.
	Context context.Context
	// Memory, when set, is charged for what the inspection holds beyond
	// the body (see Memory); a charge refused is ErrMemory.
	Memory Memory
	// SamplesOnly, with Samples above zero, keeps in Result.Findings only
	// the findings given a Fingerprint (the samples) and those of
	// protected identifiers (detect.EvProtected); Result.Summary still
	// counts every finding. A caller that logs a summary and a few
	// samples then holds a few findings, not one per value in the body.
	SamplesOnly bool
	// Samples, when above zero, bounds the findings given a Fingerprint: the
	// first ones with distinct values, as many as a caller logs as samples
	// (see detect.Engine.FindSampled). By default every finding has one.
	Samples int
}

// Result is what Inspect found and, in Redact mode, produced.
type Result struct {
	// Body is the body to send on. In Scan mode, or when nothing changed, it
	// is the input itself. When something changed it is the redacted body,
	// identity-encoded.
	Body []byte
	// Encoding is the content coding of Body: the input's when Body is the
	// input, "" (identity) when Body was rewritten.
	Encoding string
	// Changed reports whether Body differs from the input.
	Changed bool
	// Format names how the body was read: "json", "form", "multipart", "html",
	// "xml", "text", "grpc", "protobuf", "msgpack", "cbor", "bson", or
	// "skipped" for a body that is not text (the Format* constants). A body
	// declared JSON that is not valid JSON, or nests deeper than
	// Limits.MaxDepth, is read as "text".
	Format string
	// Findings are all findings in the body (only the samples under
	// Limits.SamplesOnly). Their Start and End are
	// offsets in the decoded piece of text they were found in (a JSON
	// string, a form value, a part), not in Body; in an HTML or XML
	// document, offsets in the document, where the value is masked.
	Findings []detect.Finding
	// Summary counts the findings by category, for the dossier rule.
	Summary detect.Summary
}

// Errors Inspect may return. A caller that cannot inspect a body must not
// treat it as clean unless its operator chose to fail open.
var (
	// ErrTooLarge: the body, once decompressed, exceeds Limits.MaxDecoded,
	// or a multipart body has more than Limits.MaxParts parts.
	ErrTooLarge = errors.New("bodyformat: body too large to inspect")
	// ErrEncoding: the content coding is unknown or the compressed data is
	// broken.
	ErrEncoding = errors.New("bodyformat: cannot decode content encoding")
	// ErrMalformed: a multipart body whose structure cannot be read.
	ErrMalformed = errors.New("bodyformat: malformed body")
)

// Inspect decodes body according to its Content-Type and Content-Encoding
// header values, runs the engine over the text inside and, in Redact mode,
// returns the redacted body. Malformed JSON, a form that does not parse and
// text with invalid UTF-8 fall back to scanning the raw text, never to
// passing it through unread. The returned errors wrap the errors above.
//
// How each format is read:
//   - JSON (application/json, */*+json, newline-delimited JSON, and any
//     other text body, typed or not, that holds a JSON object or array):
//     every string value, and every number of nine digits or more
//     (fewer under a key naming a category with shorter values:
//     detect.KeyDigits), is scanned with the hint of its nearest key
//     (HintForKey); keys are not scanned. A string holding a JSON
//     document is walked as one. A redacted string keeps every byte
//     outside its findings; a redacted number becomes a string holding
//     its mask.
//   - Forms: each value, percent-decoded, with the hint of its field name;
//     only the findings' bytes are replaced (their masks query-escaped).
//   - Multipart: text parts by their own Content-Type and the hint of their
//     field name; binary parts are left byte for byte; the rewrite keeps the
//     boundary, the part headers as written and everything between parts.
//     A multipart body that does not parse is ErrMalformed: it fails closed.
//   - HTML, XML and other text: scanned as they are.
//   - Server-sent events and JSON lines (declared, or text that holds
//     them): read whole, then through a Stream, which joins each field's
//     text across events as the stream's client does.
//   - gRPC, protobuf and MessagePack: by their structure (binary.go).
//
// A body whose Content-Type is not text (IsText) is returned untouched with
// Format "skipped", without being decompressed. eng must not be nil.
func Inspect(eng *detect.Engine, body []byte, contentType, contentEncoding string, mode Mode, lim Limits) (Result, error) {
	return inspect(eng, body, contentType, contentEncoding, mode, lim.withDefaults())
}

// FindText returns the findings of one piece of text (a log field, a
// header value) as the format layer reads a body's text: in every reading
// of it (escapes, percent escapes, base64, markup, arrays, delimited
// groups, numbers in words, …), merged, with spans in text and masks but
// no fingerprints. It reads no structure (text is no JSON document or
// form here) and decodes no charset. eng must not be nil.
//
// An error says a reading could not read text as its reader does (JSON
// nested past the depth a reading follows, a compressed blob that
// inflates past maxBlobInflation): text is then uninspectable, never
// clean, whatever the findings say.
func FindText(eng *detect.Engine, text []byte, hint detect.CategorySet) ([]detect.Finding, error) {
	in := &inspector{eng: eng, mode: Scan, lim: Limits{}.withDefaults(), masksOnly: true}
	fs := in.read(text, hint)
	if in.refusal != nil {
		return nil, in.refusal
	}
	diffFindText(text, hint, fs)
	return fs, nil
}

// IsText reports whether a body of this Content-Type (and, when the type
// is missing or generic, these first bytes) holds text worth inspecting:
// text/*, JSON, XML, HTML, JavaScript, forms and multipart forms, binary
// framings of text (gRPC, protobuf, MessagePack, CBOR, BSON), and untyped
// or application/octet-stream bodies that are valid UTF-8 text or one
// whole CBOR map or array in their first bytes; and, whatever
// the type, a PDF ("%PDF-" in its first bytes), whose strings a viewer
// shows.
func IsText(contentType string, head []byte) bool {
	return isText(contentType, head)
}

// Decompress decodes body from a content coding ("gzip", "x-gzip",
// "deflate", "zstd", "br", or "" and "identity" for none), refusing output
// larger than limit bytes (0 or less means DefaultMaxDecoded) or than
// DefaultMaxRatio times the body's size (64 KiB at least). Chained
// codings ("gzip, br") are decoded in reverse order, each step bounded by
// limit. Unknown codings, corrupt data, more than four codings and bytes
// after the end of a gzip or deflate stream that start no other member
// give ErrEncoding, output over the limit ErrTooLarge; identity input is
// returned as is. "lz4" (FormatLZ4), no content coding, decodes an LZ4
// file told by its magic number (LZ4File), within the same bounds.
func Decompress(body []byte, contentEncoding string, limit int64) ([]byte, error) {
	return decompress(body, contentEncoding, limit)
}

// AppendedKey reports whether the format layer reads the strings under
// the JSON key key (and under every key nested in its value) as text a
// client appends and renders as Markdown: an LLM's content, text, delta,
// reasoning_content …, whose soft line breaks it reads as spaces too
// (call 138⏎1234⏎5678 is a spaced mobile on the screen).
func AppendedKey(key []byte) bool { return appendedKey(key) }

// HintForKey returns the categories a JSON key or form field name implies
// (idCard, id_card, 身份证号 → cn_id; mobile, phone, tel → cn_mobile and
// phone; name, realName, 姓名 → cn_name; address, addr, 地址 → cn_address;
// …), matched case-insensitively on the words of camelCase, snake_case and
// kebab-case names. The word lists live in data/keys.txt.
func HintForKey(key string) detect.CategorySet {
	return hintForKey(key)
}
