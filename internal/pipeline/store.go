package pipeline

import (
	"context"
	"time"
)

// Store keeps the pipeline. Every Save writes its Event in the same
// transaction (an Event whose EntityID is empty gets the new row's id),
// so no change goes unrecorded. Missing rows are KindNotFound errors.
type Store interface {
	Officers(ctx context.Context) ([]Officer, error)
	Officer(ctx context.Context, id string) (*Officer, error)
	// OfficerBySubject returns nil, nil when no officer has the subject.
	OfficerBySubject(ctx context.Context, subject string) (*Officer, error)
	SaveOfficer(ctx context.Context, o *Officer, create bool, ev Event) error

	Rules(ctx context.Context) ([]Rule, error)
	SaveRule(ctx context.Context, r *Rule, ev Event) error
	DeleteRule(ctx context.Context, id int64, ev Event) error

	// CreateLead stores a lead, its contact (if any) and the event.
	CreateLead(ctx context.Context, l *Lead, c *Contact, ev Event) error
	Lead(ctx context.Context, id int64) (*Lead, error)
	// LeadByDedup returns the newest lead with the key created at or
	// after since, or nil.
	LeadByDedup(ctx context.Context, key string, since time.Time) (*Lead, error)
	Leads(ctx context.Context, q LeadQuery) ([]Lead, error)
	SaveLead(ctx context.Context, l *Lead, ev Event) error
	// ReadContact returns the lead's contact (nil once erased) and records
	// the read as ev, in one transaction.
	ReadContact(ctx context.Context, leadID int64, ev Event) (*Contact, error)
	// EraseContact deletes the contact, clears the lead's duplicate key
	// and sets erased_at.
	EraseContact(ctx context.Context, leadID int64, at time.Time, ev Event) error
	// StaleContacts returns the leads, last changed before the time, whose
	// contact is still kept.
	StaleContacts(ctx context.Context, before time.Time) ([]int64, error)
	// Events returns an entity's events, oldest first; entity "" with
	// action "stage" returns every stage event (for reports).
	Events(ctx context.Context, entity, id, action string) ([]Event, error)

	SaveReservation(ctx context.Context, r *Reservation, create bool, ev Event) error
	// Reservations returns a lead's (leadID > 0), or the open ones whose
	// until is before a date (expiredBefore != "").
	Reservations(ctx context.Context, leadID int64, expiredBefore string) ([]Reservation, error)

	SaveTask(ctx context.Context, t *Task, create bool, ev Event) error
	Task(ctx context.Context, id int64) (*Task, error)
	Tasks(ctx context.Context, q TaskQuery) ([]Task, error)

	SaveObstacle(ctx context.Context, o *Obstacle, create bool, ev Event) error
	Obstacle(ctx context.Context, id int64) (*Obstacle, error)
	Obstacles(ctx context.Context, q ObstacleQuery) ([]Obstacle, error)

	SaveProject(ctx context.Context, p *Project, create bool, ev Event) error
	Project(ctx context.Context, id int64) (*Project, error)
	Projects(ctx context.Context) ([]Project, error)

	// SaveTarget creates or replaces the target of (officer, year, sector).
	SaveTarget(ctx context.Context, t *Target, ev Event) error
	Targets(ctx context.Context, year int, officer string) ([]Target, error)

	// Claim records that the named job ran for a period; false when some
	// process already did.
	Claim(ctx context.Context, name, period string, at time.Time) (bool, error)
	// Secret returns a named random secret, made on first use and the same
	// for every process.
	Secret(ctx context.Context, name string) ([]byte, error)
}

// LeadQuery selects leads, by id ascending after After (0: from the
// start); Limit 0 means all.
type LeadQuery struct {
	Source      string // inquiry or officer
	Stage       string
	Responsible string
	Sector      string
	After       int64
	Limit       int
}

// TaskQuery selects tasks, by id ascending after After.
type TaskQuery struct {
	Assignee  string
	ProjectID int64
	LeadID    int64
	Status    string
	DueBefore string // due < this date (open tasks only)
	After     int64
	Limit     int
}

// ObstacleQuery selects obstacles, by id ascending after After.
type ObstacleQuery struct {
	LeadID    int64
	ProjectID int64
	Status    string
	After     int64
	Limit     int
}
