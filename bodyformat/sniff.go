package bodyformat

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// sniffLen is how much of a body's head is looked at to tell text from
// binary, as in http.DetectContentType.
const sniffLen = 512

// mediaType parses a Content-Type value into its lower-case type and its
// parameters. A value whose parameters do not parse still yields its type.
func mediaType(contentType string) (string, map[string]string) {
	if strings.TrimSpace(contentType) == "" {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	return mt, params
}

// textual reports whether a media type is text by its name alone. The
// bytes of every other type are sniffed: a receiver that parses JSON or
// renders text reads the bytes whatever the label says (JSON sent as
// image/png is still JSON to fetch().json()).
func textual(mt string) bool {
	switch mt {
	case "application/json", "application/xml", "application/javascript",
		"application/x-javascript", "application/ecmascript",
		"application/x-www-form-urlencoded", "application/x-ndjson",
		"application/ndjson", "application/jsonl", "application/x-jsonlines",
		"application/json-seq", "application/graphql", "application/yaml",
		"application/x-yaml", "application/csv", "application/sql",
		"multipart/form-data", "multipart/mixed", "multipart/alternative",
		"multipart/related", "message/http", "application/http":
		return true
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"),
		binaryFraming(mt): // binary, but read by its structure (binary.go)
		return true
	}
	return false
}

// KnownBinary reports whether a Content-Type names a binary format: an
// image (not SVG), audio, video, a font, an archive or WebAssembly (not
// PDF: its strings are read, compressed or not).
// The handler passes a response of such a type compressed with a known
// coding without decompressing it to sniff it; every other body whose
// type is not text is sniffed (once decompressed).
func KnownBinary(contentType string) bool {
	mt, _ := mediaType(contentType)
	return knownBinary(mt)
}

func knownBinary(mt string) bool {
	family, sub, _ := strings.Cut(mt, "/")
	switch family {
	case "image":
		return !strings.HasSuffix(sub, "+xml")
	case "audio", "video", "font":
		return true
	}
	switch mt {
	case "application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
		"application/x-7z-compressed", "application/x-rar-compressed", "application/zstd",
		"application/x-bzip2", "application/x-xz", "application/wasm",
		"application/vnd.ms-fontobject", "application/font-woff":
		return true
	}
	return false
}

// isText implements IsText.
func isText(contentType string, head []byte) bool {
	mt, _ := mediaType(contentType)
	// a PDF shows its strings; bytes of no known format are read for
	// theirs (unknownText)
	// and an untyped CBOR body its first bytes hold whole (cborSniffed):
	// read by its structure
	return textual(mt) || sniffText(head) || pdfHeader(head) || !knownBinary(mt) && unknownText(head) ||
		untypedBinary(mt) && cborSniffed(head[:min(len(head), sniffLen)], defaultMaxDepth())
}

// defaultMaxDepth is Limits.MaxDepth by default.
func defaultMaxDepth() int { return Limits{}.withDefaults().MaxDepth }

// sniffText reports whether the head of a body looks like text: the
// standard sniffer calls it text, or it is valid UTF-8 (a character cut
// off at the end allowed) without NUL bytes, or it is UTF-16 or UTF-32
// text, by its byte-order mark or by the NUL bytes of mostly-ASCII text
// (sniffWide), or UTF-16 CJK text that is no UTF-8 (sniffCJKWide), or a
// JSON document a JSON reader decodes by its NUL pattern (nulPatternJSON).
// A zstd or LZ4 frame is never text, whatever bytes it holds (frameFile).
func sniffText(head []byte) bool {
	if len(head) == 0 || frameFile(head) {
		return false
	}
	head = head[:min(len(head), sniffLen)]
	if strings.HasPrefix(http.DetectContentType(head), "text/") {
		return true
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return bomCharset(head, 0) != nil || sniffWide(head, 0) != nil || sniffCJKWide(head, utf8Of(head)) != nil ||
			nulPatternJSON(head) // what a JSON reader decodes by its NUL pattern
	}
	valid := utf8Of(head)
	return valid.trimmed() || sniffCJKWide(head, valid) != nil
}

// trimPartialRune drops an incomplete UTF-8 sequence from the end of b.
func trimPartialRune(b []byte) []byte {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return b
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-k:]) {
				return b[:len(b)-k]
			}
			return b
		}
	}
	return b
}
