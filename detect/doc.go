// Package detect finds, validates and redacts personal information in text.
//
// It is the engine behind every part of caddy-pii-filter (the HTTP filter,
// the request matcher, the log filter and the pii-scan command) and imports
// nothing from Caddy, so it can be used as a plain library:
//
//	eng, err := detect.Compile(detect.Policy{Mask: detect.MaskPartial})
//	out, findings := eng.Redact(body)
//
// A caller that keeps only a summary of the findings and a few samples (an
// incident entry) redacts with RedactSampled, which writes the masks
// straight into the result and makes no Finding but for the samples: a
// dense body then costs a few bytes of memory a byte, not a Finding every
// few bytes.
//
// A single pass over the bytes looks for cheap candidates (digits, '@', and
// a few trigger characters such as Chinese numerals, plate provinces and
// label words); only candidates are decoded through a normalising view
// (full-width forms, format characters, Chinese numerals, HTML character
// references, separators between digits) and handed to validators (check
// digits, real birth dates, allocated prefixes, IIN ranges, mod-97).
// Findings keep byte offsets into the original text, so redaction replaces
// exactly the original spelling and nothing else.
package detect
