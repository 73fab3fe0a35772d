package catalog

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one change of one feature as the audit log keeps it.
type AuditEntry struct {
	ID         int64
	Revision   int64
	At         time.Time
	Actor      AuditActor
	Action     string // create, replace, patch, publication, archive, import, restore
	Collection Collection
	FeatureID  string
	Version    int64 // the version this change wrote
	// Before and After are the feature as JSON, {"publication",
	// "version", "properties", "geometry"}; Before is nil for a create.
	Before, After json.RawMessage
}

// AuditActor is who made a change, as the audit log names them.
type AuditActor struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Role    string `json:"role"`
	Auth    string `json:"auth"`
}

// AuditQuery selects audit entries, newest first. Empty fields do not
// filter.
type AuditQuery struct {
	Collection Collection
	FeatureID  string
	Actor      string // an actor's name or subject
	Action     string
	From, To   time.Time // at within [From, To]
	// Before is the paging cursor: only entries with a smaller id.
	Before int64
	Limit  int
	// Scope keeps the entries whose feature it covered before or after
	// the change (set by the Service from the reader's scope).
	Scope Scope
}

// AuditTrail reads the audit log. Implementations never load the whole
// log: each call reads at most one page, by an index.
type AuditTrail interface {
	// Audit returns at most q.Limit entries matching q, newest first.
	Audit(ctx context.Context, q AuditQuery) ([]AuditEntry, error)
	// AuditVersion returns the entry that wrote version v of a feature,
	// or a KindNotFound error.
	AuditVersion(ctx context.Context, c Collection, id string, v int64) (*AuditEntry, error)
}

// errNoTrail answers audit reads on a Service wired without a Trail.
var errNoTrail = Errorf(KindUnavailable, "the audit log cannot be read on this server")

// Audit pages through the audit log: publishers and above, each reading
// only the entries of features in their scope.
func (s *Service) Audit(ctx context.Context, a Actor, q AuditQuery) ([]AuditEntry, error) {
	if a.Role < RolePublisher {
		return nil, Errorf(KindForbidden, "the audit log needs the publisher role; %s has %s", a.Name, a.Role)
	}
	if s.Trail == nil {
		return nil, errNoTrail
	}
	q.Scope = a.Scope
	return s.Trail.Audit(ctx, q)
}

// History pages through one feature's versions, newest first. Officers
// read the history of the features in their scope; outside it, the
// history of a feature that is not published is missing (404), that of a
// published one forbidden (403).
func (s *Service) History(ctx context.Context, a Actor, c Collection, id string, q AuditQuery) ([]AuditEntry, error) {
	if s.Trail == nil {
		return nil, errNoTrail
	}
	cur, err := s.Store.Get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if err := authorizeRead(a, cur); err != nil {
		return nil, err
	}
	q.Collection, q.FeatureID, q.Scope = c, id, Scope{}
	return s.Trail.Audit(ctx, q)
}

// Restore writes an earlier version's properties and geometry as the
// feature's next version: an ordinary edit (If-Match, scope, validation
// by today's rules, an audit entry with the action "restore"). The
// publication state is left as it is; the workflow moves it.
func (s *Service) Restore(ctx context.Context, a Actor, c Collection, id string, version int64, pre Precondition) (*Feature, error) {
	if s.Trail == nil {
		return nil, errNoTrail
	}
	cur, err := s.editable(ctx, a, c, id, pre)
	if err != nil {
		return nil, err
	}
	e, err := s.Trail.AuditVersion(ctx, c, id, version)
	if err != nil {
		return nil, err
	}
	old, err := fromAuditDoc(c, id, e.After)
	if err != nil {
		return nil, err
	}
	old.Publication = cur.Publication
	return s.write(ctx, a, "restore", cur, old, cur.Version)
}

// fromAuditDoc rebuilds a feature from an audit image through
// DecodeFeature, so that it meets today's validation rules.
func fromAuditDoc(c Collection, id string, doc json.RawMessage) (*Feature, error) {
	var d struct {
		Properties json.RawMessage `json:"properties"`
		Geometry   json.RawMessage `json:"geometry"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	body, err := json.Marshal(map[string]any{"type": "Feature", "id": id, "properties": d.Properties, "geometry": d.Geometry})
	if err != nil {
		return nil, err
	}
	f, err := DecodeFeature(c, body)
	if err != nil {
		if e, ok := err.(*Error); ok && e.Kind == KindInvalid {
			e.Message = "that version no longer meets the rules and cannot be restored as it is: " + e.Message
		}
		return nil, err
	}
	return f, nil
}
