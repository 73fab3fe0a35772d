package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// scopeColumns returns the audit entry's scope_zones and scope_sectors:
// what decides whether a scope covers the feature, before and after the
// write, as ",a,b," (empty when there is none), so that a scoped reader
// is matched with LIKE '%,a,%'.
func scopeColumns(before, after *catalog.Feature) (zones, sectors string) {
	z, s := catalog.ScopeKeys(after)
	if before != nil {
		bz, bs := catalog.ScopeKeys(before)
		z, s = append(slices.Clone(z), bz...), append(slices.Clone(s), bs...)
	}
	return delimited(z), delimited(s)
}

// delimited joins the distinct non-empty values as ",a,b,".
func delimited(values []string) string {
	var out []string
	for _, v := range values {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return ""
	}
	slices.Sort(out)
	return "," + strings.Join(out, ",") + ","
}

// auditRow is an audit_log row as Audit reads it.
type auditRow struct {
	ID         int64
	Revision   int64
	At         time.Time
	Actor      string
	Subject    string
	Role       string
	Auth       string
	Action     string
	Collection string
	FeatureID  string
	Version    *int64
	Before     *string
	After      string
}

const auditColumns = "id, revision, at, actor, subject, role, auth, action, collection, feature_id, version, before, after"

// Audit implements catalog.AuditTrail: one page, newest first, by the
// indexes of migration 00004 (collection, actor, subject, at, feature).
func (s *Store) Audit(ctx context.Context, q catalog.AuditQuery) ([]catalog.AuditEntry, error) {
	tx := s.db.WithContext(ctx).Table("audit_log").Select(auditColumns)
	for col, v := range map[string]string{"collection": string(q.Collection), "feature_id": q.FeatureID, "action": q.Action} {
		if v != "" {
			tx = tx.Where(col+" = ?", v)
		}
	}
	if q.Actor != "" {
		tx = tx.Where("(actor = ? OR subject = ?)", q.Actor, q.Actor)
	}
	if !q.From.IsZero() {
		tx = tx.Where(s.dialect.timeCmp("at", ">="), s.dialect.timeArg(q.From))
	}
	if !q.To.IsZero() {
		tx = tx.Where(s.dialect.timeCmp("at", "<="), s.dialect.timeArg(q.To))
	}
	if q.Before > 0 {
		tx = tx.Where("id < ?", q.Before)
	}
	if q.Scope.Limited() {
		cond, args := scopeCondition(q.Scope)
		tx = tx.Where(cond, args...)
	}
	var rows []auditRow
	if err := tx.Order("id DESC").Limit(q.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]catalog.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = r.entry()
	}
	return out, nil
}

// AuditVersion implements catalog.AuditTrail.
func (s *Store) AuditVersion(ctx context.Context, c catalog.Collection, id string, v int64) (*catalog.AuditEntry, error) {
	var rows []auditRow
	err := s.db.WithContext(ctx).Table("audit_log").Select(auditColumns).
		Where("collection = ? AND feature_id = ? AND version = ?", string(c), id, v).Order("id DESC").Limit(1).Find(&rows).Error
	if err != nil {
		return nil, mapErr(err)
	}
	if len(rows) == 0 {
		return nil, catalog.Errorf(catalog.KindNotFound, "%s/%s has no version %d", c, id, v)
	}
	e := rows[0].entry()
	return &e, nil
}

func (r auditRow) entry() catalog.AuditEntry {
	e := catalog.AuditEntry{ID: r.ID, Revision: r.Revision, At: r.At.UTC(), Action: r.Action,
		Actor:      catalog.AuditActor{Name: r.Actor, Subject: r.Subject, Role: r.Role, Auth: r.Auth},
		Collection: catalog.Collection(r.Collection), FeatureID: r.FeatureID, After: json.RawMessage(r.After)}
	if r.Version != nil {
		e.Version = *r.Version
	}
	if r.Before != nil {
		e.Before = json.RawMessage(*r.Before)
	}
	return e
}

// scopeCondition is the WHERE clause keeping the entries a scope covers
// (catalog.Scope.Covers, over the before and after of each entry):
// zones by scope_zones (a zone's own id, a parcel's zone_id), sectors by
// scope_sectors (parcels only).
func scopeCondition(sc catalog.Scope) (string, []any) {
	var conds []string
	var args []any
	for _, z := range sc.Zones {
		conds = append(conds, `(collection IN ('zones', 'parcels') AND scope_zones LIKE ? ESCAPE '\')`)
		args = append(args, "%,"+likeEscape(z)+",%")
	}
	for _, sec := range sc.Sectors {
		conds = append(conds, `(collection = 'parcels' AND scope_sectors LIKE ? ESCAPE '\')`)
		args = append(args, "%,"+likeEscape(sec)+",%")
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// likeEscape escapes LIKE's wildcards (sectors hold underscores).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
