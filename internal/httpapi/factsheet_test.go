package httpapi_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

// pdfText extracts a PDF's text with poppler's pdftotext (Debian
// poppler-utils, installed by .ci/run); the test skips without it, except
// under CI.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing (apt-get install poppler-utils; bash .ci/run does it)")
		}
		t.Skip("pdftotext is missing: skipping (apt-get install poppler-utils)")
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestParcelFactsheet: a parcel's fact sheet as a PDF whose text holds the
// code, Vietnamese labels with their diacritics next to the reader's
// language, the nearest port, data quality and the basemap's attribution;
// the same sheet as printable HTML without scripts with its map drawn as
// SVG; Korean readers get a PDF in Vietnamese and English that says why.
func TestParcelFactsheet(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	w := e.req(t, "GET", "/collections/parcels/items/p-1/factsheet?f=pdf&lang=en", 0, "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) ||
		!strings.Contains(w.Header().Get("Content-Disposition"), `filename="landcat-P-1.pdf"`) {
		t.Fatalf("PDF: %d %v", w.Code, w.Header())
	}
	text := pdfText(t, w.Body.Bytes())
	for _, want := range []string{"P-1", "Thông tin lô đất / Site fact sheet", "Diện tích / Area", "Giá thuê đất / Land price", "120 USD/m²",
		"Cảng / Port", "Chất lượng dữ liệu / Data quality", "GSHHG", "GeoNames", "Khu A / Zone A"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	ko := pdfText(t, e.req(t, "GET", "/collections/parcels/items/p-1/factsheet", 0, "", "Accept-Language", "ko-KR").Body.Bytes())
	if !strings.Contains(ko, "Diện tích / Area") || !strings.Contains(ko, "no Korean font") || !strings.Contains(ko, "tiếng Hàn") {
		t.Errorf("Korean reader's PDF:\n%s", ko)
	}
	h := e.req(t, "GET", "/collections/parcels/items/p-1/factsheet?f=html&lang=ko", 0, "")
	body := h.Body.String()
	if h.Code != 200 || strings.Contains(body, "<script") || !strings.Contains(body, "<svg") || !strings.Contains(body, "Diện tích / 면적") {
		t.Errorf("HTML: %d %s", h.Code, body[:min(len(body), 400)])
	}
	if a := e.req(t, "GET", "/collections/parcels/items/p-1/factsheet", 0, "", "Accept", "text/html"); !strings.HasPrefix(a.Header().Get("Content-Type"), "text/html") {
		t.Errorf("a browser gets %q", a.Header().Get("Content-Type"))
	}
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-draft/factsheet", 0, ""), 404)
	problemOf(t, e.req(t, "GET", "/collections/zones/items/z-a/factsheet", 0, ""), 404)
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-1/factsheet?f=docx", 0, ""), 406)
}

// TestShortlistFactsheet: a cover with the note and the search, then a
// page per parcel.
func TestShortlistFactsheet(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	w := e.req(t, "POST", "/shortlists", 0, `{"parcels":["p-1","p-2"],"match":{"sector":"logistics"},"note":"Cho hội đồng quản trị"}`,
		"Content-Type", "application/json")
	var sl struct{ Token string }
	if err := json.Unmarshal(w.Body.Bytes(), &sl); err != nil || w.Code != 201 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	pdf := e.req(t, "GET", "/shortlists/"+sl.Token+"/factsheet?lang=en", 0, "")
	text := pdfText(t, pdf.Body.Bytes())
	for _, want := range []string{"Danh sách chọn lọc / Shortlist", "Cho hội đồng quản trị", "sector = logistics", "P-1", "P-2"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "\f"); n < 3 {
		t.Errorf("%d pages, want a cover and one per parcel", n)
	}
	if pdf.Header().Get("Cache-Control") != "private, no-cache" {
		t.Errorf("Cache-Control %q", pdf.Header().Get("Cache-Control"))
	}
	html := e.req(t, "GET", "/shortlists/"+sl.Token+"/factsheet?f=html&lang=en", 0, "").Body.String()
	if !strings.Contains(html, "Cho hội đồng quản trị") || strings.Count(html, "<svg") != 2 {
		t.Errorf("HTML shortlist fact sheet")
	}
	problemOf(t, e.req(t, "GET", "/shortlists/AAAAAAAAAAAAAAAAAAAAAAAA/factsheet", 0, ""), 404)
}
