package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes the sections one after the other (RFC 4180): a row
// with the section's name, its header, its rows, then an empty line.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	for _, s := range r.Sections() {
		rows := append([][]string{{s.Name}, s.Header}, textRows(s.Rows)...)
		if err := cw.WriteAll(append(rows, []string{})); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func textRows(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, v := range row {
			out[i][j] = text(v)
		}
	}
	return out
}

// text formats a cell: numbers in full precision, unknown as "".
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// WriteXLSX writes one sheet per section, named after it, the header in
// row 1; numbers are number cells, unknown values empty cells.
func (r Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range r.Sections() {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		if err := writeSheet(f, s); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, s Section) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, row := range append([][]any{anyRow(s.Header)}, s.Rows...) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func anyRow(l []string) []any {
	out := make([]any, len(l))
	for i, v := range l {
		out[i] = v
	}
	return out
}
