package bodyformat

import (
	"bytes"
	"hash/maphash"
	"maps"
	"math/bits"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/piifilter/caddy-pii-filter/detect"
)

// The names Result.Format takes.
const (
	FormatJSON      = "json"
	FormatForm      = "form"
	FormatMultipart = "multipart"
	FormatHTML      = "html"
	FormatXML       = "xml"
	FormatText      = "text"
	FormatGRPC      = "grpc"
	FormatProtobuf  = "protobuf"
	FormatMsgpack   = "msgpack"
	FormatCBOR      = "cbor"
	FormatBSON      = "bson"
	FormatSkipped   = "skipped"
)

// finder is what the format layer needs of the engine: *detect.Engine, or
// a wrapper of it in tests.
type finder interface {
	FindIn(text []byte, hint detect.CategorySet, samples int, stop func() bool, arena *detect.Arena) []detect.Finding
	FindSampled(text []byte, hint detect.CategorySet, samples int) []detect.Finding
}

// allSamples asks for a fingerprint on every finding (Limits.Samples
// unset). It is not a large count of samples: the engine checks each
// sample for a value it has already seen, which for every finding of a
// dense body would take quadratic time.
const allSamples = -1

// inspector carries the state of one Inspect call through the formats a
// body nests (a JSON part in a multipart form, a JSON document in a form
// value, …).
type inspector struct {
	framed bool // the first item of the body framedMasked read last parsed
	eng    finder
	arena  detect.Arena // the memory of the findings of every piece (detect.Arena)
	mode   Mode
	lim    Limits
	// countFrom, above 0, is where in the next document walked (a window
	// of a tool call's arguments: readArgDoc) the keys and values the
	// window before did not walk start: the walk notes how many findings
	// the body had when it reached them (jsonWalker.countAt)
	countFrom int
	// binaryFields: the form read is the fields found in a binary body
	// (readBinaryForm), each read alone, none joined to its siblings
	binaryFields bool
	// binarySigned: the binary body opens with a known format's signature
	// (a PNG, a JPEG): its fields are read in their text alone
	// (findBinaryField), not for digits across its bytes that are no text
	binarySigned bool
	meter        *meter // memory, work and cancellation; once it fails, find finds nothing
	findings     []detect.Finding
	summary      detect.Summary // of every finding, kept or not (Limits.SamplesOnly)
	// piecePeak is the most memory the findings of one piece have held
	// (chargeFindings)
	piecePeak int64
	sampled   []string // the distinct fingerprints given so far, when Limits.Samples bounds them
	esc       []byte   // find: a piece with its escapes decoded
	escOffs   []int32  // find: where each byte of esc comes from
	parts     int      // multipart parts seen, nested ones included
	inView    bool     // reading a markup view: no markup reading of its pieces
	inTags    bool     // reading a tag view: no tag view of its pieces (tagview.go)
	// viewSrc is the markup view being read and the document it comes
	// from (dataurlview.go)
	viewSrc viewSource
	// flatBinary: reading a binary framing's bytes as flat text (findFlat)
	flatBinary bool
	// values: what a first reading found, value by value, for a second
	// reading of the same bytes to count only values new to it
	// (pervalue.go); nil: every finding counts
	values *valueSet
	// deny: the categories the key of the value being read denies (an
	// order's key: keyWords); see denied
	deny detect.CategorySet
	// denials counts the pieces whose findings a denial dropped some of:
	// a key's reading that dropped one is no clean one (jsonkeys.go)
	denials int
	// folds: reading a body whose receiver folds lines into one (a YAML
	// type: indented lines; text/plain: those under a key line; a
	// Markdown type, an LLM's content: soft breaks; foldedlines.go)
	folds foldMode
	// scriptData: walking the documents of a script's statements
	// (statementsJSON), whose arrays of numbers are a chart's or a
	// config's data: a number joins others only under a phone or ID key
	scriptData bool
	// noHex: reading the join of an array's numbers, which a receiver
	// reads as numbers, never as hex (jsonjoin.go)
	noHex bool
	// srcdocDepth counts the srcdoc documents being read around the one
	// read now (srcdoc.go)
	srcdocDepth int
	// inDataJSON: walking the JSON document of a data: URL (dataurljson.go):
	// a JSON URL in it is read as text, so that walks never nest
	inDataJSON bool
	b64        []byte      // readBase64: a token decoded
	b64tok     []byte      // readBase64: a token wrapped over lines, joined
	b64strip   []byte      // strippedFindings: a token with its '-', '_', '.' dropped
	siblings   []*textJoin // the joins of the objects open, by depth (jsonsiblings.go)
	masksOnly  bool        // no fingerprints (FindText)
	// spareWalker is a JSON walker done with, to walk the next document
	// (a stream reads one a line: jsonwalkers.go)
	spareWalker *jsonWalker
	// hintCaches are the key-hint caches of JSON walks that are over
	// (takeHints), one per level of documents inside strings at most
	hintCaches []*hintCache
	windows    []window // findChanged: the windows of a reading
	// spareEdits are edits (edits.go) no reading holds now, to record the
	// next one's in (readEdits)
	spareEdits []*edits
	// spareFirsts are firstReadings no piece holds now (takeFirsts)
	spareFirsts []*firstReadings
	editWins    []editWindow // findEdited: the windows of a reading's edits
	// hex is decodeHexText's dump, reused from piece to piece; hexHeld is
	// what its arrays hold, charged (holdHexDump)
	hex     hexDump
	hexHeld int64
	// validBody is the body being read when it is known to be valid
	// UTF-8, and validPiece marks the next piece read as a string of it
	// as it is (validpieces.go)
	validBody  []byte
	validPiece bool
	// refusal is the error a reading failed an unmetered inspection with
	// (refuse): a stream's event takes it for the stream's
	refusal error
	// pooledScratch is the box the inspection's working memory came in
	// from scratches (scratchpool.go)
	pooledScratch *scratch
	// blobSniff: the raw deflate decoder base64blob.go sniffs tokens with
	blobSniff *blobSniff
	// ownBlobMeter: the meter blobs are inflated under in an inspection
	// without one (blobMeter)
	ownBlobMeter *meter
	// noBlob: reading a token with its separators dropped
	// (strippedFindings), whose bytes that are no text are not read
	noBlob bool
}

// refuse fails the inspection with err, a reading's refusal to let what
// it cannot read as its reader does go on: the meter's first failure, or,
// without a meter (a stream's event), the inspector's refusal, which the
// stream takes. The first failure stays.
func (in *inspector) refuse(err error) {
	switch {
	case in.meter != nil && in.meter.err == nil:
		in.meter.err = err
	case in.meter == nil && in.refusal == nil:
		in.refusal = err
	}
}

// holdHexDump charges what the arrays of the inspector's hex dump grew
// by in the last decodeHexText: they are held to the end of the
// inspection, reused by every piece after (a run of millions of digits
// is one dump, read whole: two bytes and a half a byte of the run).
func (in *inspector) holdHexDump() {
	held := int64(cap(in.hex.dec)) + 4*int64(cap(in.hex.at)) + 8*int64(cap(in.hex.cols))
	if in.meter != nil && held > in.hexHeld {
		in.meter.owe(held - in.hexHeld)
	}
	in.hexHeld = held
}

// reuse readies the inspector for the next piece of a stream (an event):
// what it found, counted and sampled is forgotten, its buffers and caches
// are kept. A field added to inspector that holds a piece's state must be
// reset here too.
func (in *inspector) reuse() {
	in.findings = in.findings[:0]
	in.summary = detect.Summary{}
	in.piecePeak = 0
	in.sampled = in.sampled[:0]
	in.parts, in.inView, in.inTags, in.srcdocDepth, in.flatBinary = 0, false, false, 0, false
	in.validBody, in.validPiece = nil, false
	in.values = nil
	in.ownBlobMeter = nil // (an event's blobs are bounded together, not a stream's)
}

// find scans one piece of text with the engine and adds its findings to
// the body's. A piece with backslash escapes is read both as decoded
// (decodeEscapes) and as written, and also as CSS decodes them; numbers
// with a fraction or an exponent also as the whole numbers they denote
// (decodeNumbers); one with
// percent escapes also as a URL's reader decodes them; one with character
// references that spell a backslash or a percent sign also with those
// decoded first. The findings of every reading are merged, their spans
// those of the escapes in text. Under
// Limits.Samples, only findings with a value new to the body get a
// fingerprint, until there are that many.
//
// Every reading counts as work (Limits.MaxWork) and the findings are
// charged to Limits.Memory; once the inspection has failed (no memory,
// no work left, the context done) find finds nothing.
func (in *inspector) find(text []byte, hint detect.CategorySet) []detect.Finding {
	if in.meter != nil && in.meter.err != nil {
		return nil // the inspection fails: what it finds no longer matters
	}
	return in.settle(text, in.read(text, hint))
}

// findPlusKept is find for text, a form's value percent-decoded with '+'
// as a space, read with its '+' kept too (kept: the same decoding with
// plus unset, byte for byte as long as text): a receiver or a reader
// that reads the form raw sees "+86-371-…" as a phone with its country
// code, where " 86-371-…" holds none. The findings of both readings are
// merged (MergePreferring) and counted once.
func (in *inspector) findPlusKept(text, kept []byte, hint detect.CategorySet) []detect.Finding {
	if in.meter != nil && in.meter.err != nil {
		return nil
	}
	return in.settle(text, MergePreferring(kept, in.read(text, hint), in.read(kept, hint)))
}

// settle applies the field's denial to fs, the findings of text, and adds
// them to the body's.
func (in *inspector) settle(text []byte, fs []detect.Finding) []detect.Finding {
	if in.deny != 0 {
		n := len(fs)
		if fs = denied(text, fs, in.deny); len(fs) != n {
			in.denials++
		}
	}
	if in.values != nil {
		fs = in.perValue(text, fs)
	}
	in.account(fs)
	return fs
}

// findFlat is find for the bytes of a binary framing read as flat text
// (a protobuf message, a gRPC message of an unknown codec, a MessagePack
// extension): its CR and BS bytes are framing, not a terminal's
// overwrites, and its other control bytes (tags and lengths: 0x12 0x06
// between two string fields) set apart what they stand between, where
// the engine reads controls in text as invisible (flatControls).
func (in *inspector) findFlat(b []byte) []detect.Finding {
	in.flatBinary = true
	defer func() { in.flatBinary = false }()
	return in.find(flatControls(b), 0)
}

// account charges the findings of a piece to the memory account and
// keeps them in the body's.
func (in *inspector) account(fs []detect.Finding) {
	if in.meter != nil && len(fs) > 0 {
		in.chargeFindings(fs)
	}
	in.keep(fs)
}

// read returns the findings of one piece of text in every reading find
// describes, without adding them to the body's.
func (in *inspector) read(text []byte, hint detect.CategorySet) []detect.Finding {
	valid := in.validPiece
	in.validPiece = false // (this piece's alone: not the pieces read within it)
	trig := triggers(text)
	if valid && trig&trigValidDelimiter == 0 {
		// the bytes outside ASCII are ideographs', no delimiter's
		// (TestValidDelimiterTrigger)
		trig &^= trigDelimiter
	}
	readings := readingsFor(trig)
	if valid {
		readings &^= invalidOnlyReadings // they would find text valid UTF-8 again
	}
	view, offs := text, []int32(nil)
	// the first stages of the text readings below, taken only for a piece
	// that reads one (most read none: the struct is not cleared for them)
	var firsts *firstReadings
	foldsMarkdown := in.folds == foldSoft && mayReadMarkdown(trig)
	if trig&(trigBackslash|trigQuote) != 0 || readings&stagedReadings != 0 || foldsMarkdown {
		firsts = in.takeFirsts()
		defer in.giveFirsts(firsts)
	}
	if trig&trigBackslash != 0 {
		// a long piece's escapes reading is charged, built in a buffer of
		// its own and dropped once the piece is read (readingcharge.go)
		dst, dOffs := in.esc[:0], in.escOffs[:0]
		long := len(text) >= minChargedPiece
		ch, room := in.chargeReading(text, readingCost(len(text)))
		defer ch.done()
		if !room {
			return nil
		}
		if long {
			dst, dOffs = make([]byte, 0, len(text)), make([]int32, 0, len(text)+1)
		}
		dec, o, ok := decodeEscapes(text, dst, dOffs)
		ch.atLeast(dec, o)
		firsts.keep(stageEscapes, dec, o, ok) // the escapes reading's first stage too
		if !ok || !spellsPercent(text, dec) {
			readings &^= escapedPercentReadings
		}
		if ok {
			if !long {
				in.esc, in.escOffs = dec, o
			}
			view, offs = dec, o
		}
	}
	samples := in.samplesLeft()
	fs := in.findIn(view, offs, hint, samples)
	if in.failed() {
		return nil // the inspection fails: the other readings would be wasted
	}
	if offs != nil {
		// a backslash a receiver shows as it is (\x19 before a number in a
		// page) must not hide what the text says as written: both readings
		fs = mergeFindings(fs, in.findIn(text, nil, hint, samples))
	}
	if in.failed() {
		return nil // the inspection fails: the other readings would be wasted
	}
	if !in.inView && trig&trigMarkup != 0 {
		// markup in a value a page renders as HTML (a post, a comment, a
		// chat message put in with innerHTML): 138<b></b>12345678
		fs = mergeFindings(fs, in.readMarkup(text, hint, samples))
	}
	if in.folds != foldNone && !in.failed() && hasFold(text, in.folds) {
		// indented lines as a YAML parser folds them (call 138⏎  1234⏎  5678),
		// soft breaks as a Markdown renderer shows them (call 138⏎1234⏎5678)
		// (charged before it is built, as the escapes reading is; a mask
		// keeps the lines it spans: foldMasks)
		folds := in.folds
		fs = mergeFindings(fs, in.readFolded(text, func(b []byte) ([]byte, []int32, bool) { return decodeFoldedLines(b, folds) }, readingCost(len(text)), hint, samples))
	}
	if foldsMarkdown && !in.failed() {
		// and with its Markdown read too (138*1234*⏎5678): the Markdown
		// reading's first stage, read once for both (stageMarkdown), folded
		readMD := func(b []byte) ([]byte, []int32, bool) {
			md, mdOffs, ok := firsts.stage(in, b, stageMarkdown)
			if !ok {
				return nil, nil, false
			}
			return foldMarkdown(md, mdOffs)
		}
		fs = mergeFindings(fs, in.readFolded(text, readMD, readingCost(len(text)), hint, samples))
	}
	if hint&siblingHint != 0 && trig&(trigDigit|trigDelimiter) == trigDigit|trigDelimiter && !in.failed() {
		// a value whose field or key names a category (tel=187⇥6772⇥0441):
		// the name is its label, so its groups are joined across the
		// delimiters a label's value is read across (decodeDelimitedLabelled)
		fs = mergeFindings(fs, in.readFolded(text, decodeDelimitedLabelled, readingCost(len(text)), hint, samples))
	}
	if trig&trigBase64 != 0 && !in.failed() {
		// base64 that decodes to text (a JWT's payload, a base64 field);
		// readBase64 decodes only what is of mixed alphabets
		// (mixedAlphabet): a run of digits alone (an ID, a card) is no
		// base64 it reads, and sets no trigBase64 (TestBase64TriggerCoversTokens)
		fs = mergeFindings(fs, in.readBase64(text, hint, samples))
	}
	if trig&(trigBackslash|trigQuote) != 0 && !in.failed() {
		// base64 an escape or a script's join splits: "MTM4MTIz\nNDU2Nzg=",
		// "MTM4MTIz" + "NDU2Nzg="
		fs = mergeFindings(fs, in.base64Within(view, offs, hint, samples))
		if trig&trigQuote != 0 {
			if dec, o, ok := firsts.stage(in, text, stageConcat); ok { // (the concat reading's too)
				fs = mergeFindings(fs, in.base64Within(dec, o, hint, samples))
			}
		}
	}
	if trig&(trigDigit|trigHexRun) == trigDigit|trigHexRun && !in.noHex && !in.failed() {
		// text sent as hex (3133383132…), masked whole: the digits a mask
		// keeps, written where the hex stood, would join the digits
		// around it on a second reading
		dec, o, ok := decodeHexText(text, &in.hex)
		in.holdHexDump()
		if ok {
			if ch, room := in.chargeBuilt(text, dec, o); room {
				// (a dump's bytes and its ASCII columns: one span, starred whole)
				fs = mergeFindings(fs, starred(text, mergeFindings(nil, in.findIn(dec, o, hint, samples))))
				ch.done()
			}
		}
		fs = mergeFindings(fs, in.hexBlobFindings(text, hint, samples)) // gzip as hex (base64blob.go)
	}
	if trig&trigLetter != 0 && !in.failed() {
		// data: URLs of documents, read as rendered (data:text/html,…)
		fs = mergeFindings(fs, in.readDataURLs(text, hint, samples))
	}
	for readings != 0 {
		k := bits.TrailingZeros64(uint64(readings))
		readings &= readings - 1
		r := &textReadings[k]
		if in.failed() {
			return nil // the inspection fails: the other readings would be wasted
		}
		if r.edit != nil && (r.first == stageText || !firsts[r.first].done) {
			efs := in.readEdits(text, *r, firsts, hint, samples)
			if r.needs&trigLookalike != 0 {
				efs = withoutBarLocalLandlines(text, efs) // a bar read as a one
			}
			fs = mergeFindings(fs, efs)
			continue
		}
		if r.into != nil {
			// built in a buffer given back once read: what is found holds
			// offsets and strings of its own, never a part of the reading
			b := getReadingBuf()
			if dec, o, ok := r.into(text, b.dec[:0], b.offs[:0]); ok {
				b.dec, b.offs = dec, o
				// (what it uses of the buffer: the rest was there before)
				if ch, room := in.chargeBuilt(text, dec[:len(dec):len(dec)], o[:len(o):len(o)]); room {
					fs = mergeFindings(fs, in.findChanged(text, dec, o, hint, samples))
					fs = mergeFindings(fs, in.decodedMarkup(text, dec, o, hint, samples))
					ch.done()
				}
			}
			putReadingBuf(b)
			continue
		}
		dec, o, ok, ch := firsts.read(in, text, *r)
		if ok {
			// (a reading that joins lines, one group a line behind a
			// label, masks what it finds keeping them: foldMasks)
			fs = mergeFindings(fs, foldMasks(text, in.findChanged(text, dec, o, hint, samples)))
			fs = mergeFindings(fs, in.decodedMarkup(text, dec, o, hint, samples))
		}
		ch.done()
	}
	if trig&(trigTag|trigBackslash|trigAmp|trigPercent|trigBracket) != 0 && !in.failed() {
		// tag characters as the ASCII they mirror, written or spelled,
		// read in every reading ("ASCII smuggling": tagview.go)
		fs = mergeFindings(fs, in.readTags(text, trig, view, offs, firsts, hint))
	}
	if in.failed() {
		return nil
	}
	in.sample(fs)
	return fs
}

// readJoined is read for a join of several values (an array's, an
// object's, a form's): the samples its reading took are given back, since
// what lies in one value was sampled when that value was read; the caller
// samples what it keeps (sample). read adds no finding to the body's, so
// only the samples need undoing, not a whole mark.
func (in *inspector) readJoined(text []byte, hint detect.CategorySet) []detect.Finding {
	n := len(in.sampled)
	fs := in.read(text, hint)
	in.sampled = in.sampled[:n]
	return fs
}

// sample keeps the fingerprints of fs that are samples under
// Limits.Samples (one a value, no more than asked for) and drops the
// others; without Limits.Samples every finding keeps its own.
func (in *inspector) sample(fs []detect.Finding) {
	if in.lim.Samples <= 0 {
		return
	}
	for k := range fs {
		f := &fs[k]
		if f.Fingerprint == "" {
			continue
		}
		if slices.Contains(in.sampled, f.Fingerprint) || len(in.sampled) == in.lim.Samples {
			f.Fingerprint = "" // one sample a value, and no more than asked for
			continue
		}
		in.sampled = append(in.sampled, f.Fingerprint)
	}
}

// decodePercent is decodeForm as a reading: the percent escapes of text
// decoded, '+' as a space, the tabs and line breaks of its URLs' queries
// taken out (dropQueryWhiteSpace). Text without a percent escape is read
// with the '+' of its URLs' queries as spaces alone (decodeQueryPlus).
func decodePercent(text []byte) ([]byte, []int32, bool) {
	if bytes.IndexByte(text, '%') < 0 || !formDecodes(text) {
		if bytes.IndexByte(text, '+') < 0 {
			return nil, nil, false
		}
		return decodeQueryPlus(text)
	}
	dec, offs, ok := decodeForm(text, nil, nil, true)
	dec, offs = dropQueryWhiteSpace(text, dec, offs)
	return dec, offs, ok
}

// decodeEscapedPercent is decodePercent read in the escapes' view of a
// piece (a script's "/s?q=138\x2b1234\x2b5678" is ?q=138+1234+5678), read
// only where an escape spelled a '+' or a '%' (spellsPercent): the view's
// other '+' and '%' are the piece's own, which the percent reading reads.
func decodeEscapedPercent(text []byte) ([]byte, []int32, bool) {
	return decodePercent(text)
}

// spellsPercent reports whether dec, the escapes' view of text, holds more
// '+' or '%' than text: an escape spelled one (\x2b, \053, \u0025).
func spellsPercent(text, dec []byte) bool {
	return bytes.Count(dec, []byte{'+'}) > bytes.Count(text, []byte{'+'}) ||
		bytes.Count(dec, []byte{'%'}) > bytes.Count(text, []byte{'%'})
}

// formDecodes reports whether decodeForm changes text: whether it holds a
// '+' or a percent escape (%31, %u0031), in one pass and without a copy
// (a note's "25% off" decodes to itself). No escape decodeForm reads
// takes a '+' or a '%' into its digits, so the first one found here is
// one it decodes.
func formDecodes(text []byte) bool {
	countReadingSteps(len(text))
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '+':
			return true
		case '%':
			if _, n := percentU(text[i+1:]); n > 0 {
				return true
			}
			if i+3 <= len(text) && unhex(text[i+1]) >= 0 && unhex(text[i+2]) >= 0 {
				return true
			}
		}
	}
	return false
}

// decodeEscapesOf is decodeEscapes as a reading.
func decodeEscapesOf(text []byte) ([]byte, []int32, bool) {
	if bytes.IndexByte(text, '\\') < 0 {
		return nil, nil, false
	}
	return decodeEscapes(text, nil, nil)
}

// withoutASCIIDigits returns decode as a reading of text that holds no
// ASCII digit: one that does is read by decode's own entry (trigDigit).
func withoutASCIIDigits(decode func([]byte) ([]byte, []int32, bool)) func([]byte) ([]byte, []int32, bool) {
	return func(text []byte) ([]byte, []int32, bool) {
		for _, c := range text {
			if isASCIIDigit(c) {
				return nil, nil, false
			}
		}
		return decode(text)
	}
}

// base64Within reads the base64 of dec, a decoded reading of a piece, with
// the findings' spans mapped back to the piece through offs; nil when dec
// is no reading (offs nil) or holds no token long enough.
func (in *inspector) base64Within(dec []byte, offs []int32, hint detect.CategorySet, samples int) []detect.Finding {
	if offs == nil || triggers(dec)&trigBase64 == 0 {
		return nil
	}
	fs := in.readBase64(dec, hint, samples)
	for k := range fs {
		fs[k].Start, fs[k].End = rawSpan(offs, fs[k].Start, fs[k].End)
	}
	return fs
}

// starred masks each finding of fs, spans in text, with a star for each
// character it covers but line breaks, kept where they stand (a dump
// wrapped over lines keeps its lines).
func starred(text []byte, fs []detect.Finding) []detect.Finding {
	for k := range fs {
		span := text[fs[k].Start:fs[k].End]
		if !bytes.ContainsAny(span, "\r\n") {
			fs[k].Masked = strings.Repeat("*", utf8.RuneCount(span))
			continue
		}
		var b strings.Builder
		for _, r := range string(span) {
			if r == '\n' || r == '\r' {
				b.WriteRune(r)
			} else {
				b.WriteByte('*')
			}
		}
		fs[k].Masked = b.String()
	}
	return fs
}

// readView reads a markup view made of a piece being read (readMarkup) in
// every reading but the markup one, keeping the reading's buffers of the
// piece for the caller, and giving back the samples it took (the caller
// samples what it keeps).
func (in *inspector) readView(view []byte, hint detect.CategorySet) []detect.Finding {
	esc, escOffs, inView := in.esc, in.escOffs, in.inView
	in.esc, in.escOffs, in.inView = nil, nil, true
	fs := in.readJoined(view, hint)
	in.esc, in.escOffs, in.inView = esc, escOffs, inView
	return fs
}

// readMarkup reads text as HTML renders it (markupView), in every
// reading a page's view is read in (one group a paragraph behind a label,
// an array in a script …; a view met while reading a view is read plainly,
// so no reading nests deeper), and returns the findings that reading has
// and the plain one may not, their spans in text. Text that is not markup
// gives none.
func (in *inspector) readMarkup(text []byte, hint detect.CategorySet, samples int) []detect.Finding {
	// the views' arrays go back to viewBufs once read: what is found in
	// them holds offsets and strings of its own, never a part of a view
	view, segs, err := markupViewIn(text, true, in.meter, getViewBuf())
	if err != nil || bytes.Equal(view, text) {
		putViewBuf(view)
		return nil
	}
	read := func(w []byte) []detect.Finding {
		if in.inView {
			return in.scan(w, hint, samples) // a view within a view: read plainly, so nothing nests further
		}
		return in.readView(w, hint)
	}
	fs := in.inViewWindows(text, view, segs, read)
	putViewBuf(view)
	if hv, hsegs, ok, _ := markupViewHidingIn(text, false, in.meter, getViewBuf()); ok && !in.failed() {
		// the elements a style sheet hides read as decoys too, in the same
		// readings, and kept where the first view found nothing, as the
		// page's hiding reading keeps them (hidingReading): a value over a
		// labelled row's cells, one with a decoy in it, is read as there
		fs = append(fs, uncovered(fs, in.inViewWindows(text, hv, hsegs, read))...)
		putViewBuf(hv)
	}
	return mergeFindings(nil, fs)
}

// decodedMarkup reads as rendered the markup a decoder put into a reading
// dec of text (a percent-encoded data:text/html URL: 138%3Cb%3E%3C/b%3E…),
// with the findings mapped back to text through offs; nil when the
// reading holds no '<' that text does not (readMarkup read those).
func (in *inspector) decodedMarkup(text, dec []byte, offs []int32, hint detect.CategorySet, samples int) []detect.Finding {
	if in.failed() || bytes.Count(dec, []byte{'<'}) <= bytes.Count(text, []byte{'<'}) {
		return nil
	}
	fs := in.readMarkup(dec, hint, samples)
	for k := range fs {
		fs[k].Start, fs[k].End = rawSpan(offs, fs[k].Start, fs[k].End)
	}
	return fs
}

// findIn scans view, a decoded reading of a piece of text, and maps the
// findings' spans back to the piece through offs (nil: view is the piece).
func (in *inspector) findIn(view []byte, offs []int32, hint detect.CategorySet, samples int) []detect.Finding {
	fs := in.scan(view, hint, samples)
	if offs != nil {
		for k := range fs {
			fs[k].Start, fs[k].End = rawSpan(offs, fs[k].Start, fs[k].End)
		}
	}
	return fs
}

// samplesLeft is how many findings the engine fingerprints in the next
// reading: every one (allSamples), or what is left of Limits.Samples; none
// when only masks are asked for.
func (in *inspector) samplesLeft() int {
	switch {
	case in.masksOnly:
		return 0
	case in.lim.Samples > 0:
		return in.lim.Samples - len(in.sampled)
	}
	return allSamples
}

// failed reports whether the inspection has failed (no memory, no work
// left, its context done): the readings still to come are skipped.
func (in *inspector) failed() bool {
	return in.meter != nil && in.meter.canceled() != nil
}

// scan runs the engine over one reading of a piece, counted as work:
// every finding fingerprinted (allSamples), or the first samples with
// values new to it. It finds nothing once the work budget is spent or the
// context is done, and the engine itself stops within 64 KiB of text when
// the context ends during a long piece.
func (in *inspector) scan(view []byte, hint detect.CategorySet, samples int) []detect.Finding {
	var stop func() bool
	if in.meter != nil {
		if in.meter.spend(int64(len(view))) != nil {
			return nil
		}
		stop = in.meter.stop
	}
	return in.eng.FindIn(view, hint, samples, stop, &in.arena)
}

// chargeFindings charges the memory of a piece's findings. Kept, they add
// up; under Limits.SamplesOnly a piece's findings are dropped once it is
// read (but for a few samples), so only the most any one piece held is
// charged.
func (in *inspector) chargeFindings(fs []detect.Finding) {
	cost := findingsCost(fs)
	if !in.lim.SamplesOnly || in.lim.Samples <= 0 {
		in.meter.owe(cost)
		return
	}
	if cost > in.piecePeak {
		in.meter.owe(cost - in.piecePeak)
		in.piecePeak = cost
	}
}

// findMark is where the findings of a body stood, to go back to when a
// reading is abandoned (a document that turns out not to be JSON).
type findMark struct {
	n       int
	summary detect.Summary
	sampled int // len(inspector.sampled)
}

// mark returns where the findings stand now.
func (in *inspector) mark() findMark {
	return findMark{len(in.findings), detect.Summary{Categories: in.summary.Categories, Counts: maps.Clone(in.summary.Counts)}, len(in.sampled)}
}

// rollback forgets the findings made since m, and the samples taken: a
// walk given up (JSON that turns out invalid) takes no sample from the
// reading that replaces it.
func (in *inspector) rollback(m findMark) {
	in.findings, in.summary, in.sampled = in.findings[:m.n], m.summary, in.sampled[:m.sampled]
}

// counted returns how many findings the body's summary counts.
func (in *inspector) counted() int {
	n := 0
	for _, c := range in.summary.Counts {
		n += c
	}
	return n
}

// keep counts fs in the body's summary and keeps them in its findings:
// all of them, or under Limits.SamplesOnly those with a fingerprint and
// those of protected identifiers.
func (in *inspector) keep(fs []detect.Finding) {
	if in.summary.Counts == nil {
		in.summary.Counts = make(map[detect.Category]int)
	}
	if !in.lim.SamplesOnly || in.lim.Samples <= 0 {
		in.growFindings(len(fs))
	}
	for _, f := range fs {
		in.summary.Categories = in.summary.Categories.With(f.Category)
		in.summary.Counts[f.Category]++
		if !in.lim.SamplesOnly || in.lim.Samples <= 0 || f.Fingerprint != "" || f.Evidence&detect.EvProtected != 0 {
			in.findings = append(in.findings, f)
		}
	}
}

// growFindings makes room for n more findings in the body's: the array
// grows by doubling (append grows a large one by a quarter, copying it
// some twenty times over as a body's findings go from thousands to a
// million), and each array it grows into is charged, held to the end as
// the findings are: the arrays grown out of are garbage the collector
// has not yet taken.
func (in *inspector) growFindings(n int) {
	need := len(in.findings) + n
	if need <= cap(in.findings) {
		return
	}
	c := max(need, 2*cap(in.findings), 16)
	in.findings = slices.Grow(in.findings, c-len(in.findings))
	if in.meter != nil {
		in.meter.owe(int64(cap(in.findings)) * findingSize)
	}
}

// findingSize is the memory of one detect.Finding in an array of them.
const findingSize = int64(unsafe.Sizeof(detect.Finding{}))

// findingCost is what a finding is charged besides its mask and its
// place in the body's array of findings (growFindings): the Finding the
// engine returns, its fingerprint, and the hit the engine confirmed it
// from (24 bytes, in an array grown an eighth past the need: a piece of
// a million findings leaves the collector that array too).
const findingCost = findingSize + 16 + 32

// findingsCost is the memory fs holds.
func findingsCost(fs []detect.Finding) int64 {
	n := int64(len(fs)) * findingCost
	for _, f := range fs {
		n += int64(len(f.Masked))
	}
	return n
}

// mergeFindings merges two lists of findings of one text, each ordered
// and without overlaps, into one such list: findings that overlap become
// one, spanning both, with the first one's mask (but one span found twice
// takes the mask that keeps less of it: absorb). When every finding of b
// lies within one of a (a reading finding again what another found), the
// merge is a itself, returned without copying either list.
func mergeFindings(a, b []detect.Finding) []detect.Finding {
	if len(b) == 0 || within(b, a) {
		return a
	}
	if byStart(a) && byStart(b) {
		return mergeOrdered(a, b) // what the sort below gives, in one pass
	}
	all := append(a, b...)
	slices.SortStableFunc(all, func(x, y detect.Finding) int { return x.Start - y.Start }) // on a tie, a's first
	out := all[:1]
	var h markupHoles
	for _, f := range all[1:] {
		last := &out[len(out)-1]
		if f.Start < last.End {
			absorb(last, &f, &h)
			continue
		}
		h.fill(last)
		out = append(out, f)
	}
	h.fill(&out[len(out)-1])
	return out
}

// within reports whether a is ordered and without overlaps (each
// finding starting at or after the end of the one before it, none
// ending before it starts) and every finding of b starts and ends within
// one of a, starting before its end: merging b into a then changes
// nothing. One pass over both lists.
func within(b, a []detect.Finding) bool {
	k := 0
	for i := range a {
		if a[i].End < a[i].Start || i > 0 && a[i].Start < a[i-1].End {
			return false
		}
	}
	for _, f := range b {
		for k < len(a) && a[k].End <= f.Start {
			k++
		}
		if k == len(a) || f.Start < a[k].Start || f.End > a[k].End {
			return false
		}
		if f.Start == a[k].Start && f.End == a[k].End && hidesMore(f.Masked, a[k].Masked) {
			return false // (the merge takes f's mask: absorb)
		}
		if overlapsOther(a[k], f) {
			return false // (the merge masks a[k] over its markup: absorb)
		}
	}
	return true
}

// inspect implements Inspect; lim has its defaults filled in.
func inspect(eng finder, body []byte, contentType, contentEncoding string, mode Mode, lim Limits) (Result, error) {
	res, err := inspectBody(eng, body, contentType, contentEncoding, mode, lim)
	diffInspect(body, contentType, contentEncoding, mode, lim, res, err)
	return res, err
}

// inspectBody is inspect without the differential hook.
func inspectBody(eng finder, body []byte, contentType, contentEncoding string, mode Mode, lim Limits) (Result, error) {
	res := Result{Body: body, Encoding: contentEncoding, Format: FormatSkipped}
	mt, params := mediaType(contentType)
	text := textual(mt)
	m := newMeter(lim)
	m.capDecoding(decodedBound(int64(len(body)), lim))
	decoded, rest, err := decode(body, contentEncoding, lim, m)
	if err != nil {
		return Result{}, err
	}
	in := &inspector{eng: eng, mode: mode, lim: lim, meter: m}
	in.takeScratch()
	defer in.giveScratch() // (the result holds copies of the findings it keeps)
	// outside Redact, a deflate stream's body read raw (beyondCoding)
	// after its decoded reading, counting the values that one did not
	// find: stored blocks hold the stream's text as it is
	rawAfter := mode != Redact && len(rest) > 0 && rawBeyond(contentEncoding)
	if rawAfter {
		in.values = &valueSet{seed: maphash.MakeSeed(), keys: map[uint64]struct{}{}, record: true}
	} else if err := in.beyondCoding(body, rest, contentEncoding, mt, params, 0); err != nil {
		in.putHints()
		return Result{}, err
	}
	var out []byte
	var format string
	framed := !text && framedLead(mt, decoded) // length-prefixed JSON that sniffs as text: binary road
	readText := !framed && (text || sniffText(decoded) || gzipFile(decoded) || pdfFile(decoded))
	if readText && !text && wideDeflate(decoded, m) {
		readText = false // raw deflate of text, read by binaryFile (deflatedhead.go)
	}
	guessed := false // text only by unknownText: read as UTF-8, no charset guessed
	if !readText {
		// other bytes, unless a zlib stream or raw deflate of text
		var ok bool
		out, format, ok, err = in.binaryFile(decoded, 0, 0)
		// no compressed text, and bytes of no known format: read for
		// the text they hold (unknownText)
		readText = !ok && !framed && !knownBinary(mt) && unknownText(decoded)
		guessed = readText
		if !ok && !readText && !knownBinary(mt) {
			// binary: an untyped CBOR body read as CBOR first, the rest
			// of it masked (cbor.go); text after a short binary head,
			// read as a WebSocket binary message is; else what a form
			// parser reads in it, and the text between its NULs and
			// binary heads when that found nothing (not counted twice),
			// read-only; and so when the text after a head found
			// nothing (`tel\x00` before a mobile: read whole, the NUL
			// glues the letter to the digits)
			src, err := decoded, error(nil)
			if untypedBinary(mt) && cborSniffed(decoded, lim.MaxDepth) {
				out, err = in.cborMasked(decoded)
				ok, format = true, FormatCBOR
				if out != nil {
					src = out
				}
			}
			if err == nil {
				err = in.binaryWhole(src)
			}
			if err != nil {
				in.putHints()
				return Result{}, err
			}
		}
		if !ok && !readText {
			if rawAfter {
				// nothing decoded to count twice: the raw reading alone
				in.values = nil
				if err := in.beyondCoding(body, rest, contentEncoding, mt, params, 0); err != nil {
					in.putHints()
					return Result{}, err
				}
				in.putHints()
				m.settle()
			}
			res.Findings, res.Summary = in.findings, in.summary
			if res.Summary.Counts == nil {
				res.Summary = detect.Summarize(nil)
			}
			return res, nil
		}
	}
	if readText {
		if mode == Redact {
			// the redacted copy, and the decoded readings of its pieces
			if err := m.reserve(int64(len(decoded))); err != nil {
				return Result{}, err
			}
		}
		if guessed {
			out, format, err = in.body(decoded, mt, params, 0, 0)
		} else {
			out, format, err = in.charsetBody(decoded, mt, params, 0, 0)
		}
	}
	if rawAfter && err == nil {
		in.values.record = false
		err = in.beyondCoding(body, rest, contentEncoding, mt, params, 0)
		in.values = nil
	}
	in.putHints() // (the walks are over)
	m.settle()
	if err == nil {
		err = m.err
	}
	if err != nil {
		return Result{}, err
	}
	res.Format = format
	res.Findings = in.findings
	res.Summary = in.summary
	if res.Summary.Counts == nil {
		res.Summary = detect.Summarize(nil)
	}
	if mode == Redact && out != nil && !bytes.Equal(out, decoded) {
		res.Body, res.Encoding, res.Changed = out, "", true
	}
	return res, nil
}

// body inspects a decoded body of media type mt, with hint as the context
// of its top-level text (a multipart field's name). It returns the
// rewritten body, or nil when nothing changed, and the format it was read
// as. nest counts the multipart levels around it. A body framed as a
// stream of events (framing) is read whole, then as its stream's client
// joins its events (joinFramed).
func (in *inspector) body(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	kind, framed := framing(mt, b)
	if !framed {
		return in.whole(b, mt, params, hint, nest)
	}
	mode := in.mode
	if mode == Scan {
		// the joined reading reads the redacted body, so that what the
		// whole reading found is not counted twice
		if err := in.reserve(int64(len(b))); err != nil {
			return nil, "", err
		}
		in.mode = Redact
	}
	out, format, err := in.whole(b, mt, params, hint, nest)
	in.mode = mode
	if err != nil {
		return nil, "", err
	}
	out = in.joinFramed(b, out, kind)
	if mode != Redact {
		out = nil
	}
	return out, format, nil
}

// whole inspects a decoded body as body does, without joining events.
func (in *inspector) whole(b []byte, mt string, params map[string]string, hint detect.CategorySet, nest int) ([]byte, string, error) {
	switch {
	case mt == "application/x-www-form-urlencoded":
		return in.form(b), FormatForm, nil
	case strings.HasPrefix(mt, "multipart/"):
		out, err := in.multipart(b, params["boundary"], nest)
		return out, FormatMultipart, err
	case mt == "message/rfc822" || mt == "message/global" || mt == "" && looksLikeMail(b):
		out, err := in.message(b, nest)
		return out, FormatText, err
	case isJSONType(mt):
		out, format := in.json(b, hint, 0, jsonStream(mt))
		return out, format, nil
	case mt == "text/html" || mt == "application/xhtml+xml":
		out, err := in.markup(b, hint, true)
		return out, FormatHTML, err
	case mt == "text/xml" || mt == "application/xml" || strings.HasSuffix(mt, "+xml"):
		out, err := in.markup(b, hint, false)
		return out, FormatXML, err
	case mt == "":
		// untyped: read as the receiver sniffs it (Go's server, and so
		// Caddy, labels it text/html or text/xml for the client)
		switch sniffed, _, _ := strings.Cut(http.DetectContentType(b), ";"); sniffed {
		case "text/html":
			out, err := in.markup(b, hint, true)
			return out, FormatHTML, err
		case "text/xml":
			out, err := in.markup(b, hint, false)
			return out, FormatXML, err
		}
	}
	folds := in.folds
	in.folds = foldsLines(mt)
	out, format := in.piece(b, hint, 0)
	in.folds = folds
	return out, format, nil
}

// isJSONType reports whether mt names JSON or a stream of JSON values.
func isJSONType(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || jsonStream(mt)
}

// jsonStream reports whether mt names a stream of JSON values separated by
// white space (newline-delimited JSON), or by RS (a JSON text sequence,
// RFC 7464).
func jsonStream(mt string) bool {
	switch mt {
	case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
		"application/json-seq", "application/stream+json":
		return true
	}
	return false
}

// piece inspects text of no declared structure (an untyped or text/plain
// body, a form value, a text part): a JSON object or array is walked as
// JSON, anything else scanned as text.
func (in *inspector) piece(b []byte, hint detect.CategorySet, depth int) ([]byte, string) {
	if looksLikeJSON(b) {
		return in.json(b, hint, depth, false)
	}
	if out, format, ok := in.wrappedJSON(b, hint, depth); ok {
		return out, format
	}
	return in.text(b, hint), FormatText
}
