// Package sheet writes tables as CSV (RFC 4180, UTF-8 with a byte order
// mark so that Excel reads Vietnamese correctly) and as an XLSX workbook
// with one worksheet per table (github.com/xuri/excelize/v2). It is the
// one writer of spreadsheets: downloads of features, the land-bank review
// and the pipeline's reports all go through it.
package sheet

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Table is a named grid: a header row and rows of cells. A cell is nil
// (empty), a string, a number, a bool, a []string or a time.Time.
type Table struct {
	Name    string
	Columns []string
	Rows    [][]any
	// Each, when set, streams the rows instead of Rows: it calls fn with
	// each row (which fn does not keep) until fn returns an error.
	Each func(fn func(row []any) error) error
}

func (t Table) each(fn func(row []any) error) error {
	if t.Each != nil {
		return t.Each(fn)
	}
	for _, row := range t.Rows {
		if err := fn(row); err != nil {
			return err
		}
	}
	return nil
}

// MaxCellText is the most text a spreadsheet cell holds.
const MaxCellText = 32767

// Text writes a cell as text: numbers in full precision as JSON writes
// them, flags true/false, lists joined with commas, times in RFC 3339,
// nil empty.
func Text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []string:
		return strings.Join(v, ",")
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

// WriteCSV writes one table: its header, then its rows.
func WriteCSV(w io.Writer, t Table) error {
	return writeCSV(w, []Table{t}, false)
}

// WriteCSVBlocks writes several tables one after the other in one file:
// each as a row with its name, its header, its rows and an empty row.
func WriteCSVBlocks(w io.Writer, tables []Table) error {
	return writeCSV(w, tables, true)
}

func writeCSV(w io.Writer, tables []Table, named bool) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	for _, t := range tables {
		if named {
			if err := cw.Write([]string{t.Name}); err != nil {
				return err
			}
		}
		if err := cw.Write(t.Columns); err != nil {
			return err
		}
		rec := make([]string, len(t.Columns))
		err := t.each(func(row []any) error {
			for i := range rec {
				rec[i] = ""
				if i < len(row) {
					rec[i] = Text(row[i])
				}
			}
			return cw.Write(rec)
		})
		if err != nil {
			return err
		}
		if named {
			if err := cw.Write(nil); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes the tables as a workbook, one sheet each (names cut to
// Excel's 31 characters), with a bold, frozen header row. Numbers and
// flags are typed cells; everything else is text (Text). Rows stream to
// a temporary file past a few thousand.
func WriteXLSX(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := t.Name
		if r := []rune(name); len(r) > 31 {
			name = string(r[:31])
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, t, bold); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func writeSheet(f *excelize.File, name string, t Table, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	r := 1
	cells := make([]any, len(t.Columns))
	err = t.each(func(row []any) error {
		r++
		for i := range cells {
			cells[i] = nil
			if i < len(row) {
				cells[i] = typed(row[i])
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r)
		return sw.SetRow(ref, cells)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// typed is a cell's value for excelize: numbers and flags as they are,
// the rest as text.
func typed(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case float64, float32, int, int64, int32, bool:
		return v
	}
	return Text(v)
}
