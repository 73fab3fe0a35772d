package dataio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/xuri/excelize/v2"
)

// csvSheet reads a CSV sheet as a stream: UTF-8 (a byte order mark is
// skipped), comma- or semicolon-separated (as Excel writes it where the
// decimal mark is a comma), the first line naming the columns.
func csvSheet(r io.Reader) (catalog.Sheet, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	first, _ := br.Peek(4096)
	line, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		cr.Comma = ';'
	}
	header, err := cr.Read()
	if err != nil {
		return catalog.Sheet{}, catalog.Errorf(catalog.KindBadRequest, "the CSV has no header line: %v", csvReason(err))
	}
	header = append([]string(nil), header...)
	if err := checkUTF8(header, 1); err != nil {
		return catalog.Sheet{}, err
	}
	return catalog.Sheet{Format: FormatCSV, Header: header, Each: func(fn func(int, []string) error) error {
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return nil
			}
			line, _ := cr.FieldPos(0)
			if err != nil {
				return catalog.Errorf(catalog.KindBadRequest, "the CSV cannot be read at line %d: %v", line, csvReason(err))
			}
			if err := checkUTF8(rec, line); err != nil {
				return err
			}
			if err := fn(line, rec); err != nil {
				return err
			}
		}
	}}, nil
}

func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkUTF8 refuses a row that is not UTF-8, naming the encoding to use.
func checkUTF8(cells []string, row int) error {
	for _, c := range cells {
		if !utf8.ValidString(c) {
			return catalog.Errorf(catalog.KindBadRequest, "row %d is not UTF-8 text: save the sheet as \"CSV UTF-8\" (Vietnamese in Windows-1258 or TCVN3 is not read)", row)
		}
	}
	return nil
}

// xlsxSheet reads the first worksheet of an XLSX file, row by row. Cells
// are read as stored (a date is its day number, which the catalogue reads
// as a date in date columns; numbers are not rounded to their display
// format).
func xlsxSheet(path string) (catalog.Sheet, func() error, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return catalog.Sheet{}, nil, catalog.Errorf(catalog.KindBadRequest, "not an XLSX workbook: %v", err)
	}
	sheet := f.GetSheetName(0)
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return catalog.Sheet{}, nil, catalog.Errorf(catalog.KindBadRequest, "the workbook's first sheet cannot be read: %v", err)
	}
	if !rows.Next() {
		f.Close()
		return catalog.Sheet{}, nil, catalog.Errorf(catalog.KindBadRequest, "sheet %q is empty: its first row names the columns", sheet)
	}
	header, err := rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		f.Close()
		return catalog.Sheet{}, nil, catalog.Errorf(catalog.KindBadRequest, "sheet %q: %v", sheet, err)
	}
	sh := catalog.Sheet{Format: FormatXLSX, Header: header, Each: func(fn func(int, []string) error) error {
		for row := 2; rows.Next(); row++ {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return catalog.Errorf(catalog.KindBadRequest, "sheet %q row %d: %v", sheet, row, err)
			}
			if err := fn(row, cells); err != nil {
				return err
			}
		}
		if err := rows.Error(); err != nil {
			return fmt.Errorf("sheet %q: %w", sheet, err)
		}
		return nil
	}}
	return sh, func() error { rows.Close(); return f.Close() }, nil
}
