package bodyformat

// A data stream (the Vercel AI SDK's data stream protocol, sent as
// text/plain with X-Vercel-AI-Data-Stream: v1) writes one part a line: a
// type code, a colon and a JSON value (0:"text" for text, g:"…" for
// reasoning, 2:[…] for data, 9:{…} for a tool call …). Its client appends
// the text parts as they come, so 0:"1101" then 0:"0519…" is one resident
// ID on its screen. A line of a stream of lines is read as the JSON value
// after its code, and each code's strings are joined across lines, as a
// JSON field's are.

// maxPartCode is the longest type code read before a part's colon.
const maxPartCode = 2

// partPrefix returns the length of a data stream part's type code and
// colon at the start of line, when a JSON value (an object, an array or a
// string) follows them, or 0.
func partPrefix(line []byte) int {
	i := 0
	for i < len(line) && i < maxPartCode && (line[i] >= '0' && line[i] <= '9' || line[i] >= 'a' && line[i] <= 'z') {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' {
		return 0
	}
	if v := line[i+1:]; looksLikeJSON(v) || looksLikeJSONString(v) {
		return i + 1
	}
	return 0
}
