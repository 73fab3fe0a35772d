package pipeline

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// ConsentVersion names the current consent text; an inquiry must quote it.
// A new text gets a new version, and inquiries consented to the old one
// keep theirs.
const ConsentVersion = "2026-07-01"

// Consent is the notice shown before an investor sends personal data, as
// Decree 13/2023/NĐ-CP (Article 11 and 13) requires: who processes it,
// for what purpose, what data, for how long, the investor's rights.
type Consent struct {
	Version       string            `json:"version"`
	Controller    string            `json:"controller"`
	Purpose       map[string]string `json:"purpose"`
	Text          map[string]string `json:"text"`
	RetentionDays int               `json:"retention_days"`
}

// CurrentConsent returns the consent notice in Vietnamese and English,
// with the retention period in force.
func CurrentConsent(retention time.Duration) Consent {
	days := int(retention.Hours() / 24)
	n := strconv.Itoa(days)
	return Consent{
		Version:       ConsentVersion,
		Controller:    "Ban Xúc tiến và Hỗ trợ đầu tư thành phố Hải Phòng / Hai Phong Investment Promotion and Support Board",
		RetentionDays: days,
		Purpose: map[string]string{
			"vi": "Tiếp nhận, phản hồi và hỗ trợ yêu cầu đầu tư của Quý nhà đầu tư về địa điểm trong quỹ đất của thành phố.",
			"en": "To receive, answer and support your investment inquiry about sites in the city's land bank.",
		},
		Text: map[string]string{
			"vi": "Tôi đồng ý để Ban Xúc tiến và Hỗ trợ đầu tư thành phố Hải Phòng xử lý dữ liệu cá nhân của tôi (họ tên, thư điện tử, số điện thoại) theo Nghị định 13/2023/NĐ-CP, chỉ nhằm mục đích tiếp nhận, phản hồi và hỗ trợ yêu cầu đầu tư này. Dữ liệu chỉ cán bộ phụ trách, lãnh đạo đơn vị của cán bộ đó và quản trị viên được xem; mọi lần xem đều được ghi lại. Dữ liệu được lưu " + n + " ngày kể từ lần xử lý cuối cùng rồi bị xóa. Tôi có quyền rút lại sự đồng ý, yêu cầu xem, sửa hoặc xóa dữ liệu bằng cách gửi mã tham chiếu của yêu cầu cho Ban.",
			"en": "I consent to the Hai Phong Investment Promotion and Support Board processing my personal data (name, e-mail, phone number) under Decree 13/2023/ND-CP, solely to receive, answer and support this investment inquiry. Only the official in charge, the leaders of that official's unit and administrators may see it, and every viewing is recorded. It is kept for " + n + " days after the inquiry was last handled, then erased. I may withdraw consent, and ask to see, correct or erase the data, by sending the inquiry's reference to the Board.",
		},
	}
}

// Form token rules: an inquiry is accepted between MinFill and MaxFormAge
// after its form was fetched (bots post at once; stale forms are refused).
const (
	MinFill    = 3 * time.Second
	MaxFormAge = 2 * time.Hour
)

// formToken signs the time a form was handed out.
func formToken(secret []byte, issued time.Time) string {
	payload := strconv.FormatInt(issued.Unix(), 36)
	return payload + "." + formMAC(secret, payload)
}

func formMAC(secret []byte, payload string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("landcat-inquiry-form:" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// checkFormToken returns "" when the token is genuine and its age within
// [MinFill, MaxFormAge] at now, else what is wrong with it.
func checkFormToken(secret []byte, token string, now time.Time) string {
	payload, mac, ok := strings.Cut(token, ".")
	if !ok || len(token) > 64 || !hmac.Equal([]byte(mac), []byte(formMAC(secret, payload))) {
		return "is not a token from GET /inquiries/form"
	}
	secs, err := strconv.ParseInt(payload, 36, 64)
	if err != nil {
		return "is not a token from GET /inquiries/form"
	}
	age := now.Sub(time.Unix(secs, 0))
	switch {
	case age < MinFill:
		return "was used too soon after the form was fetched; take a moment to fill it in and send it again"
	case age > MaxFormAge:
		return "has expired (forms are valid for 2 hours); fetch the form again"
	}
	return ""
}
