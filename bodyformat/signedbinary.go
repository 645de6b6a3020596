package bodyformat

import "net/http"

// SignedBinary reports whether head, a body's first bytes, is a file of a
// format the standard sniffer knows by its signature (an image, an
// archive, a font, audio, video, WebAssembly): a download a proxy sends on
// byte for byte past max_body. Bytes of no known signature (a NUL before
// a form's field, length-prefixed messages) are not: past max_body they
// follow the oversize policy, as text does (issue #9, fix49frames
// finding 5).
func SignedBinary(head []byte) bool {
	return http.DetectContentType(head[:min(len(head), sniffLen)]) != "application/octet-stream"
}
