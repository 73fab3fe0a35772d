package i18n

import (
	"strconv"
	"strings"
)

// Num writes v in its shortest exact decimal form (as strconv's 'f', -1)
// with the language's separators: Vietnamese groups thousands with dots
// and writes a decimal comma (1.234,5); the others 1,234.5.
func (l Lang) Num(v float64) string {
	var buf [48]byte
	return l.group(strconv.AppendFloat(buf[:0], v, 'f', -1, 64))
}

// Int writes n with the language's thousands separator.
func (l Lang) Int(n int) string {
	var buf [24]byte
	return l.group(strconv.AppendInt(buf[:0], int64(n), 10))
}

// group rewrites an ASCII number ("-1234.5") with the language's
// separators.
func (l Lang) group(b []byte) string {
	start := 0
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		start = 1
	}
	end := start
	for end < len(b) && b[end] >= '0' && b[end] <= '9' {
		end++
	}
	digits := end - start
	decimal := end < len(b) && b[end] == '.'
	if digits <= 3 && (!decimal || l != VI) {
		return string(b) // the common case: nothing to rewrite
	}
	thou, dec := byte(','), byte('.')
	if l == VI {
		thou, dec = '.', ','
	}
	out := make([]byte, 0, len(b)+digits/3)
	out = append(out, b[:start]...)
	for i := start; i < end; i++ {
		if i > start && (end-i)%3 == 0 {
			out = append(out, thou)
		}
		out = append(out, b[i])
	}
	if decimal {
		out = append(out, dec)
		out = append(out, b[end+1:]...)
	} else {
		out = append(out, b[end:]...)
	}
	return string(out)
}

// units are the units quantities are written with, in each language, with
// the space that separates them from the number (none where the language
// writes none: 20년, 20年).
var units = map[string][numLangs]string{
	"ha":          {" ha", " ha", " ha", " ha", " ha"},
	"MVA":         {" MVA", " MVA", " MVA", " MVA", " MVA"},
	"MW":          {" MW", " MW", " MW", " MW", " MW"},
	"kV":          {" kV", " kV", " kV", " kV", " kV"},
	"km":          {" km", " km", " km", " km", " km"},
	"m":           {" m", " m", " m", " m", " m"},
	"m²":          {" m²", " m²", " m²", " m²", " m²"},
	"m³/day":      {" m³/ngày", " m³/day", " m³/일", " m³/日", " m³/天"},
	"USD/m²":      {" USD/m²", " USD/m²", " USD/m²", " USD/m²", " 美元/m²"},
	"USD/m²/year": {" USD/m²/năm", " USD/m²/year", " USD/m²/년", " USD/m²/年", " 美元/m²/年"},
	"USD/m²/term": {" USD/m²/kỳ thuê", " USD/m²/term", " USD/m²/임대 기간", " USD/m²/賃借期間", " 美元/m²/租期"},
	"years":       {" năm", " years", "년", "年", "年"},
	"months":      {" tháng", " months", "개월", "か月", "个月"},
}

// Unit returns unit (as English writes it: "m³/day", "years") in the
// language; a unit it does not know is returned as it is.
func (l Lang) Unit(unit string) string {
	if u, ok := units[unit]; ok && int(l) < numLangs {
		return strings.TrimPrefix(u[l], " ")
	}
	return unit
}

// Quantity writes v with its unit (see Unit): "1.234,5 m³/ngày",
// "21.83 years", "21.83년". An empty unit writes the number alone.
func (l Lang) Quantity(v float64, unit string) string {
	n := l.Num(v)
	switch u, ok := units[unit]; {
	case unit == "":
		return n
	case !ok || int(l) >= numLangs:
		return n + " " + unit
	case l == EN && v == 1 && (unit == "years" || unit == "months"):
		return n + " " + strings.TrimSuffix(unit, "s")
	default:
		return n + u[l]
	}
}

var monthsEN = [12]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Date writes an ISO date "YYYY-MM-DD" as the language does: 31/12/2027,
// 31 December 2027, 2027년 12월 31일, 2027年12月31日. Anything else is
// returned as it is.
func (l Lang) Date(iso string) string {
	if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
		return iso
	}
	y, m, d := iso[:4], iso[5:7], iso[8:]
	mi, err1 := strconv.Atoi(m)
	di, err2 := strconv.Atoi(d)
	if _, err := strconv.Atoi(y); err != nil || err1 != nil || err2 != nil || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return iso
	}
	switch l {
	case VI:
		return d + "/" + m + "/" + y
	case EN:
		return strconv.Itoa(di) + " " + monthsEN[mi-1] + " " + y
	case KO:
		return y + "년 " + strconv.Itoa(mi) + "월 " + strconv.Itoa(di) + "일"
	case JA, ZH:
		return y + "年" + strconv.Itoa(mi) + "月" + strconv.Itoa(di) + "日"
	}
	return iso
}

// list separators per language: between items, before the last item of
// an "and" list and of an "or" list.
var lists = [numLangs]struct{ sep, and, or string }{
	VI: {", ", " và ", " hoặc "},
	EN: {", ", " and ", " or "},
	KO: {", ", " 및 ", " 또는 "},
	JA: {"、", "、", "または"},
	ZH: {"、", "和", "或"},
}

// List joins items as the language writes "A, B and C": "A, B và C",
// "A, B 및 C", "A、B、C", "A、B和C".
func (l Lang) List(items []string) string {
	if int(l) >= numLangs {
		l = EN
	}
	return join(items, lists[l].sep, lists[l].and)
}

// Or joins items as the language writes "A, B or C": "A, B hoặc C",
// "A, B 또는 C", "A、BまたはC", "A、B或C".
func (l Lang) Or(items []string) string {
	if int(l) >= numLangs {
		l = EN
	}
	return join(items, lists[l].sep, lists[l].or)
}

func join(items []string, sep, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], sep) + last + items[len(items)-1]
}
