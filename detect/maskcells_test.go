package detect

import "testing"

// TestCellSepByteSameAsCellSep holds keepCells' one-look table to CellSep
// for every byte, so the span a mask is kept whole for holds no separator.
func TestCellSepByteSameAsCellSep(t *testing.T) {
	for c := range 256 {
		if cellSepByte[c] != CellSep(byte(c)) {
			t.Errorf("byte %#x: table %v, CellSep %v", c, cellSepByte[c], CellSep(byte(c)))
		}
	}
}
