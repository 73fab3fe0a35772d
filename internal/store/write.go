package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb/encoding/wkb"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// NotifyChannel is the PostgreSQL channel on which every commit announces
// its revision.
const NotifyChannel = "landcat_changes"

const batchSize = 500

// Write applies w in one transaction: bump the revision (which also
// serialises writers), check each change's expected version, upsert the
// rows, append the audit log and, on PostgreSQL, NOTIFY the other processes.
func (s *Store) Write(ctx context.Context, w catalog.Write) (catalog.Commit, error) {
	var commit catalog.Commit
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rev int64
		if err := tx.Raw("UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision").Scan(&rev).Error; err != nil {
			return err
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		var audits []map[string]any
		for _, c := range catalog.Collections {
			var changes []catalog.Change
			for _, ch := range w.Changes {
				if ch.Feature.Collection == c {
					changes = append(changes, ch)
				}
			}
			if len(changes) == 0 {
				continue
			}
			feats, aud, err := s.writeCollection(tx, w, c, changes, rev, now)
			if err != nil {
				return err
			}
			commit.Features = append(commit.Features, feats...)
			audits = append(audits, aud...)
		}
		if err := tx.Table("audit_log").CreateInBatches(audits, batchSize).Error; err != nil {
			return fmt.Errorf("append audit log: %w", err)
		}
		if s.dialect.name == "postgres" {
			if err := tx.Exec("SELECT pg_notify(?, ?)", NotifyChannel, notifyPayload(rev)).Error; err != nil {
				return err
			}
		}
		commit.Revision = rev
		if w.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return commit, nil
	}
	if err != nil {
		return catalog.Commit{}, mapErr(err)
	}
	return commit, nil
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run: rolled back")

func (s *Store) writeCollection(tx *gorm.DB, w catalog.Write, c catalog.Collection, changes []catalog.Change, rev int64, now time.Time) ([]*catalog.Feature, []map[string]any, error) {
	cur, err := s.current(tx, c, changes)
	if err != nil {
		return nil, nil, err
	}
	var (
		rows   []map[string]any
		audits []map[string]any
		out    []*catalog.Feature
	)
	for _, ch := range changes {
		f := ch.Feature.Clone()
		before := cur[f.ID]
		if err := checkExpect(c, f.ID, ch.Expect, before); err != nil {
			return nil, nil, err
		}
		f.Version, f.Revision, f.UpdatedAt, f.UpdatedBy = 1, rev, now, w.Actor.Name
		f.CreatedAt = now
		var beforeDoc any
		if f.Publication == "" { // keep the stored state; new features start as drafts
			f.Publication = catalog.Draft
			if before != nil {
				f.Publication = before.Publication
			}
		}
		if before != nil {
			f.Version, f.CreatedAt = before.Version+1, before.CreatedAt
			beforeDoc = auditDoc(before)
		}
		row, err := s.row(f)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, row)
		zones, sectors := scopeColumns(before, f)
		audits = append(audits, map[string]any{
			"revision": rev, "at": now, "actor": w.Actor.Name, "role": w.Actor.Role.String(),
			"subject": w.Actor.Subject, "auth": w.Actor.Method,
			"action": w.Action, "collection": string(c), "feature_id": f.ID, "version": f.Version,
			"before": beforeDoc, "after": auditDoc(f), "scope_zones": zones, "scope_sectors": sectors,
		})
		out = append(out, f)
		cur[f.ID] = f // a second change of the same id in one write sees the first
	}
	if c == catalog.Parcels {
		if err := checkParcelCodes(tx, out); err != nil {
			return nil, nil, err
		}
	}
	cols := columns(c)
	upsert := clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, DoUpdates: clause.AssignmentColumns(cols[1:])}
	if err := tx.Table(string(c)).Clauses(upsert).CreateInBatches(rows, batchSize).Error; err != nil {
		return nil, nil, fmt.Errorf("write %s: %w", c, err)
	}
	return out, audits, nil
}

func checkExpect(c catalog.Collection, id string, expect int64, before *catalog.Feature) error {
	switch {
	case expect == catalog.ExpectAny:
		return nil
	case expect == catalog.ExpectAbsent && before != nil:
		return catalog.Errorf(catalog.KindConflict, "%s/%s already exists; use PUT with If-Match to replace it", c, id)
	case expect != catalog.ExpectAbsent && before == nil:
		return catalog.ErrNotFound(c, id)
	case expect != catalog.ExpectAbsent && before.Version != expect:
		return catalog.Errorf(catalog.KindPreconditionFailed, "%s/%s changed while you were editing it (now version %d, you had %d)", c, id, before.Version, expect)
	}
	return nil
}

// current reads the stored state of the features the changes touch.
func (s *Store) current(tx *gorm.DB, c catalog.Collection, changes []catalog.Change) (map[string]*catalog.Feature, error) {
	ids := make([]string, len(changes))
	for i, ch := range changes {
		ids[i] = ch.Feature.ID
	}
	cur := map[string]*catalog.Feature{}
	for chunk := range chunks(ids, 1000) {
		var rows []featureRow
		if err := s.selectRows(tx, c).Where("id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			f, err := toFeature(c, r)
			if err != nil {
				return nil, err
			}
			cur[f.ID] = f
		}
	}
	return cur, nil
}

// columns lists a table's columns, id first; the promoted ones differ.
func columns(c catalog.Collection) []string {
	cols := []string{"id", "code", "publication", "properties", "geom", "version", "revision", "created_at", "updated_at", "updated_by"}
	switch c {
	case catalog.Zones:
		cols = append(cols, "kind")
	case catalog.Parcels:
		cols = append(cols, "zone_id", "status")
	case catalog.Infrastructure:
		cols = append(cols, "kind", "status")
	}
	return cols
}

func (s *Store) row(f *catalog.Feature) (map[string]any, error) {
	b, err := wkb.Marshal(f.Geometry)
	if err != nil {
		return nil, fmt.Errorf("encode geometry of %s/%s: %w", f.Collection, f.ID, err)
	}
	row := map[string]any{
		"id": f.ID, "code": f.String("code"), "publication": string(f.Publication),
		"properties": string(f.PropsJSON()), "geom": s.dialect.geomIn(b),
		"version": f.Version, "revision": f.Revision,
		"created_at": f.CreatedAt, "updated_at": f.UpdatedAt, "updated_by": f.UpdatedBy,
	}
	for _, col := range columns(f.Collection)[10:] {
		row[col] = f.String(col)
	}
	return row, nil
}

// checkParcelCodes refuses a parcel code used twice in one zone, in the
// write itself or against the stored parcels (archived ones aside), and
// names the other parcel. Writers are serialised by the revision row, so
// the check inside the transaction is exact; the unique index
// parcels_zone_code_idx backs it.
func checkParcelCodes(tx *gorm.DB, feats []*catalog.Feature) error {
	type key struct{ zone, code string }
	written := map[key]string{}
	byZone := map[string][]string{}
	for _, f := range feats {
		if f.Publication == catalog.Archived {
			continue
		}
		k := key{f.String("zone_id"), f.String("code")}
		if other, dup := written[k]; dup && other != f.ID {
			return codeTaken(f, other)
		}
		written[k] = f.ID
		byZone[k.zone] = append(byZone[k.zone], k.code)
	}
	for zone, codes := range byZone {
		for chunk := range chunks(codes, 1000) {
			var rows []struct{ ID, Code string }
			err := tx.Table("parcels").Select("id", "code").
				Where("zone_id = ? AND code IN ? AND publication <> ?", zone, chunk, string(catalog.Archived)).Find(&rows).Error
			if err != nil {
				return err
			}
			for _, r := range rows {
				// A stored parcel holding the code conflicts even if this
				// write renames it: the index checks row by row, so two
				// parcels swap codes in two writes, not one.
				if mine := written[key{zone, r.Code}]; mine != "" && mine != r.ID {
					for _, f := range feats {
						if f.ID == mine {
							return codeTaken(f, r.ID)
						}
					}
				}
			}
		}
	}
	return nil
}

func codeTaken(f *catalog.Feature, other string) error {
	msg := fmt.Sprintf("code %s is already used in zone %s by parcel %s; codes are unique within a zone", f.String("code"), f.String("zone_id"), other)
	return &catalog.Error{Kind: catalog.KindConflict, Message: fmt.Sprintf("parcel %s: %s", f.ID, msg),
		Problems: []catalog.Problem{{Pointer: "/properties/code", Message: msg}}}
}
