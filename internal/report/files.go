package report

import (
	"io"

	"github.com/landcat/landcat/internal/sheet"
)

// tables are the sections as sheet tables.
func (r Report) tables() []sheet.Table {
	secs := r.Sections()
	out := make([]sheet.Table, len(secs))
	for i, s := range secs {
		out[i] = sheet.Table{Name: s.Name, Columns: s.Header, Rows: s.Rows}
	}
	return out
}

// WriteCSV writes the sections one after the other (RFC 4180, UTF-8 with
// a byte order mark): a row with the section's name, its header, its
// rows, then an empty line.
func (r Report) WriteCSV(w io.Writer) error {
	return sheet.WriteCSVBlocks(w, r.tables())
}

// WriteXLSX writes one sheet per section, named after it, the header in
// row 1; numbers are number cells, unknown values empty cells.
func (r Report) WriteXLSX(w io.Writer) error {
	return sheet.WriteXLSX(w, r.tables()...)
}
