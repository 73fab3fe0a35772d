package pipeline

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Officer is an official of the investment agency: who leads are routed
// to, who tasks are assigned to, who targets are set for. Subject links
// the record to the credentials the officer signs in with ("apikey:12",
// "oidc:…"); a unit's leaders see their unit's investors.
type Officer struct {
	ID                string    `json:"id"`
	Subject           *string   `json:"subject"`
	Name              string    `json:"name"`
	Email             string    `json:"email"`
	Unit              string    `json:"unit"`
	Leader            bool      `json:"leader"`
	CalendarTokenHash string    `json:"-"`
	CreatedAt         time.Time `json:"created_at"`
	ChangedAt         time.Time `json:"changed_at"`
}

// Rule routes new leads of a sector and/or zone to an official, who must
// answer within ResponseDays working days. Empty Sector or ZoneID match
// anything; a rule with both empty is the fallback.
type Rule struct {
	ID           int64     `json:"id"`
	Sector       string    `json:"sector"`
	ZoneID       string    `json:"zone_id"`
	OfficerID    string    `json:"officer"`
	ResponseDays int       `json:"response_days"`
	CreatedAt    time.Time `json:"created_at"`
}

// Lead is an investor's project as the agency follows it, from inquiry
// to operating plant: business facts only (the person is a Contact).
type Lead struct {
	ID               int64      `json:"id"`
	Reference        string     `json:"reference"`
	Source           string     `json:"source"`
	Stage            Stage      `json:"stage"`
	StageSince       time.Time  `json:"stage_since"`
	LostReason       string     `json:"lost_reason,omitempty"`
	Responsible      *string    `json:"responsible"`
	FirstResponseDue string     `json:"first_response_due"`
	FirstResponseAt  *time.Time `json:"first_response_at"`
	Company          string     `json:"company"`
	Sector           string     `json:"sector"`
	ZoneID           string     `json:"zone_id"`
	AreaHa           *float64   `json:"area_ha"`
	CapitalUSD       *float64   `json:"capital_usd"`
	Timing           string     `json:"timing"`
	Parcels          StringList `json:"parcels"`
	MatchRequest     RawJSON    `json:"match,omitempty"`
	Shortlist        string     `json:"shortlist,omitempty"`
	ConsentVersion   string     `json:"consent_version,omitempty"`
	ConsentAt        *time.Time `json:"consent_at,omitempty"`
	DedupKey         string     `json:"-"`
	ErasedAt         *time.Time `json:"erased_at,omitempty"`
	ApprovedAt       *time.Time `json:"approved_at,omitempty"`
	SubleasedAt      *time.Time `json:"subleased_at,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
	ChangedAt        time.Time  `json:"changed_at"`
}

// Contact is the investor's personal data (Decree 13/2023/NĐ-CP): kept
// apart from the lead so that erasure removes exactly it.
type Contact struct {
	LeadID int64  `json:"-"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Phone  string `json:"phone"`
}

// Event is one entry of the pipeline's audit trail: a change (a stage
// move, an edit, a reservation) or a read of personal data.
type Event struct {
	ID           int64     `json:"id"`
	At           time.Time `json:"at"`
	ActorSubject string    `json:"actor_subject"`
	ActorName    string    `json:"actor"`
	Entity       string    `json:"entity"`
	EntityID     string    `json:"entity_id"`
	Action       string    `json:"action"`
	Detail       RawJSON   `json:"detail"`
}

// Reservation holds a parcel for a lead until a date.
type Reservation struct {
	ID             int64      `json:"id"`
	LeadID         int64      `json:"lead_id"`
	ParcelID       string     `json:"parcel"`
	PreviousStatus string     `json:"previous_status"`
	Until          string     `json:"until"`
	CreatedAt      time.Time  `json:"created_at"`
	ReleasedAt     *time.Time `json:"released_at"`
	ReleaseReason  string     `json:"release_reason,omitempty"`
}

// Task is a piece of work with the six clarities (6 rõ): Assignee (person),
// Title and Description (task), Due (time), Accountable (responsibility),
// Authority (who decides), ExpectedResult (result). Project tasks also
// have a duration and finish-to-start dependencies.
type Task struct {
	ID             int64      `json:"id"`
	ProjectID      *int64     `json:"project_id"`
	LeadID         *int64     `json:"lead_id"`
	Assignee       string     `json:"assignee"`
	Title          string     `json:"title"`
	Description    string     `json:"description"`
	Due            string     `json:"due,omitempty"`
	Accountable    string     `json:"accountable"`
	Authority      string     `json:"authority"`
	ExpectedResult string     `json:"expected_result"`
	Status         string     `json:"status"`
	Evidence       string     `json:"evidence,omitempty"`
	CompletedAt    *time.Time `json:"completed_at"`
	DurationDays   *int       `json:"duration_days"`
	DependsOn      IDList     `json:"depends_on"`
	CreatedAt      time.Time  `json:"created_at"`
	ChangedAt      time.Time  `json:"changed_at"`
}

// Obstacle (vướng mắc) is what blocks a lead or a project: the agency that
// owns it, when it must be solved, how high it has been escalated, how it
// was resolved.
type Obstacle struct {
	ID          int64      `json:"id"`
	LeadID      *int64     `json:"lead_id"`
	ProjectID   *int64     `json:"project_id"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	OwnerAgency string     `json:"owner_agency"`
	Due         string     `json:"due"`
	Escalation  string     `json:"escalation"`
	Status      string     `json:"status"`
	Resolution  string     `json:"resolution,omitempty"`
	ResolvedAt  *time.Time `json:"resolved_at"`
	CreatedAt   time.Time  `json:"created_at"`
	ChangedAt   time.Time  `json:"changed_at"`
}

// Project is a key project whose critical path the city follows: an
// investor's project from its MoU on (LeadID), or public infrastructure
// (a substation, a road link) that sites depend on (Parcels).
type Project struct {
	ID              int64       `json:"id"`
	Name            string      `json:"name"`
	Kind            string      `json:"kind"`
	LeadID          *int64      `json:"lead_id"`
	Responsible     *string     `json:"responsible"`
	Start           string      `json:"start"`
	TargetFinish    string      `json:"target_finish"`
	WorkingDays     bool        `json:"working_days"`
	Holidays        StringList  `json:"holidays"`
	Parcels         ParcelLinks `json:"parcels"`
	ProjectedFinish string      `json:"projected_finish,omitempty"`
	CreatedAt       time.Time   `json:"created_at"`
	ChangedAt       time.Time   `json:"changed_at"`
}

// ParcelLink makes a parcel's available_from follow a project: the
// projected finish plus OffsetDays calendar days.
type ParcelLink struct {
	Parcel     string `json:"parcel"`
	OffsetDays int    `json:"offset_days"`
}

// Target is what the city expects of an official in a year, in a sector
// ("" for all): projects approved, registered capital, hectares leased.
type Target struct {
	ID         int64   `json:"id"`
	OfficerID  string  `json:"officer"`
	Year       int     `json:"year"`
	Sector     string  `json:"sector"`
	Projects   int     `json:"projects"`
	CapitalUSD float64 `json:"capital_usd"`
	Hectares   float64 `json:"hectares"`
}

// StringList is a list stored as JSON text.
type StringList []string

// IDList is a list of ids stored as JSON text.
type IDList []int64

// ParcelLinks are a project's parcels, stored as JSON text.
type ParcelLinks []ParcelLink

// RawJSON is a JSON document stored as text ("" when absent).
type RawJSON json.RawMessage

// Value implements driver.Valuer.
func (l StringList) Value() (driver.Value, error) { return jsonText(l, "[]") }

// Scan implements sql.Scanner.
func (l *StringList) Scan(src any) error { return scanJSON(src, l) }

// Value implements driver.Valuer.
func (l IDList) Value() (driver.Value, error) { return jsonText(l, "[]") }

// Scan implements sql.Scanner.
func (l *IDList) Scan(src any) error { return scanJSON(src, l) }

// Value implements driver.Valuer.
func (l ParcelLinks) Value() (driver.Value, error) { return jsonText(l, "[]") }

// Scan implements sql.Scanner.
func (l *ParcelLinks) Scan(src any) error { return scanJSON(src, l) }

// Value implements driver.Valuer.
func (r RawJSON) Value() (driver.Value, error) { return string(r), nil }

// Scan implements sql.Scanner.
func (r *RawJSON) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*r = RawJSON(v)
	case []byte:
		*r = RawJSON(append([]byte(nil), v...))
	case nil:
		*r = nil
	default:
		return fmt.Errorf("RawJSON: cannot scan %T", src)
	}
	return nil
}

// MarshalJSON writes the document itself (null when empty).
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// UnmarshalJSON keeps the document.
func (r *RawJSON) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}

func jsonText(v any, empty string) (driver.Value, error) {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return empty, err
	}
	return string(b), nil
}

func scanJSON(src, dst any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), dst)
	case []byte:
		return json.Unmarshal(v, dst)
	case nil:
		return nil
	}
	return fmt.Errorf("cannot scan %T as JSON", src)
}

// MarshalJSON writes an empty list rather than null.
func (l StringList) MarshalJSON() ([]byte, error) { return json.Marshal([]string(orEmpty(l))) }

// MarshalJSON writes an empty list rather than null.
func (l IDList) MarshalJSON() ([]byte, error) { return json.Marshal([]int64(orEmpty(l))) }

// MarshalJSON writes an empty list rather than null.
func (l ParcelLinks) MarshalJSON() ([]byte, error) { return json.Marshal([]ParcelLink(orEmpty(l))) }

func orEmpty[S ~[]E, E any](s S) S {
	if s == nil {
		return S{}
	}
	return s
}
