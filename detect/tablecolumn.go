package detect

// A table's header names its columns: under 联系人,手机 (CSV) or
// | 联系人 | 手机 | (Markdown), the cells of the first column are names
// whatever their shape (小叶, 小叶子呀, Kitty), as a labelled value is;
// the cells of a column its header names otherwise (商品, 状态) are read
// as before (tableWord). Only the maxTableLook bytes above a row are read
// for its header.

// nameColumn reports whether the cell that starts at text[cell], in a row
// of a table split by sep (tableRow), stands under a header cell that is
// a name label (姓名, 联系人, name): the header is the first line of the
// run of lines holding sep that ends right above the row, and the cell's
// column is counted in separators from its line's start.
func (s *scanner) nameColumn(cell int, sep byte) bool {
	lo := max(0, cell-maxTableLook)
	rowStart, col := cell, 0
	for rowStart > lo && s.text[rowStart-1] != '\n' {
		step()
		rowStart--
		if s.text[rowStart] == sep {
			col++
		}
	}
	if rowStart == 0 || s.text[rowStart-1] != '\n' {
		return false
	}
	head := -1 // the start of the topmost line of the table read so far
	for end := rowStart - 1; end > lo; {
		start, holds := end, false
		for start > lo && s.text[start-1] != '\n' {
			step()
			start--
			holds = holds || s.text[start] == sep
		}
		if !holds {
			break
		}
		if start == 0 || s.text[start-1] == '\n' {
			head = start
		}
		end = start - 1
	}
	return head >= 0 && s.headerNamesName(head, col, sep)
}

// headerNamesName reports whether the col-th cell (from 0, counted in
// separators sep) of the header line that starts at text[head] is a name
// label, read without the spaces, quotes and emphasis around it.
func (s *scanner) headerNamesName(head, col int, sep byte) bool {
	p := head
	for n := 0; n < col; p++ {
		step()
		if p >= len(s.text) || s.text[p] == '\n' {
			return false
		}
		if s.text[p] == sep {
			n++
		}
	}
	end := p
	for end < len(s.text) && s.text[end] != sep && s.text[end] != '\n' && s.text[end] != '\r' {
		step()
		end++
	}
	for p < end && isHeaderPad(s.text[p]) {
		p++
	}
	for end > p && isHeaderPad(s.text[end-1]) {
		end--
	}
	if p == end {
		return false
	}
	lw, ok := labels.matchAt(s.text[:end], p)
	return ok && p+len(lw.word) == end && lw.cats.has(nameIndex)
}

// isHeaderPad reports the bytes around a header cell's word: spaces,
// quotes and Markdown emphasis (| **联系人** |, "姓名").
func isHeaderPad(b byte) bool {
	switch b {
	case ' ', '\t', '"', '\'', '*', '_', '`':
		return true
	}
	return false
}

// columnName reports whether the cell text[start:end] under a name
// column (nameColumn) may be a name: a Han character or a letter, no
// digit, no more than maxLabelledNameRunes characters, and nothing that
// fills a field without naming anyone (未知, 无) nor another label.
func (s *scanner) columnName(start, end int) bool {
	t := s.text[start:end]
	if len(t) == 0 || runeCount(t) > maxLabelledNameRunes || isNonValue(t) || isLabelWord(t) {
		return false
	}
	named := false
	for p := 0; p < len(t); {
		step()
		r, size := decodeRune(t[p:])
		p += size
		switch {
		case r < 0x80 && isASCIIDigit(byte(r)):
			return false
		case isHan(r) || r < 0x80 && isASCIILetter(byte(r)):
			named = true
		}
	}
	return named
}
