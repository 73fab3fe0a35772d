package sheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var tables = []Table{
	{Name: "by_stage", Columns: []string{"stage", "current", "conversion"}, Rows: [][]any{{"inquiry", 3, nil}, {"qualified, \"hot\"", 2, 0.667}}},
	{Name: "officials with a very long name indeed", Columns: []string{"officer", "name"}, Rows: [][]any{{"off-a", "Nguyễn Văn A"}}},
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, tables[0]); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffstage,current,conversion\r\ninquiry,3,\r\n\"qualified, \"\"hot\"\"\",2,0.667\r\n"
	if b.String() != want {
		t.Errorf("CSV %q, want %q", b.String(), want)
	}
}

func TestXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, tables...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), "|"); got != "by_stage|officials with a very long name" {
		t.Errorf("sheets %q", got)
	}
	rows, err := f.GetRows("by_stage")
	if err != nil || len(rows) != 3 || rows[2][0] != `qualified, "hot"` || rows[2][2] != "0.667" {
		t.Errorf("rows %q (%v)", rows, err)
	}
	if v, _ := f.GetCellValue("officials with a very long name", "B2"); v != "Nguyễn Văn A" {
		t.Errorf("B2 = %q", v)
	}
}
