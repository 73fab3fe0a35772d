package store

import (
	"context"

	"github.com/landcat/landcat/internal/pipeline"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// SaveTask implements pipeline.Store.
func (s *Store) SaveTask(ctx context.Context, t *pipeline.Task, create bool, ev pipeline.Event) error {
	return save(s, ctx, "tasks", t, create, ev, func() string { return itoa64(t.ID) })
}

// Task implements pipeline.Store.
func (s *Store) Task(ctx context.Context, id int64) (*pipeline.Task, error) {
	return one[pipeline.Task](s, ctx, "tasks", "task", id)
}

// Tasks implements pipeline.Store.
func (s *Store) Tasks(ctx context.Context, q pipeline.TaskQuery) ([]pipeline.Task, error) {
	tx := s.db.WithContext(ctx).Table("tasks")
	if q.Assignee != "" {
		tx = tx.Where("assignee = ?", q.Assignee)
	}
	if q.Status != "" {
		tx = tx.Where("status = ?", q.Status)
	}
	if q.ProjectID > 0 {
		tx = tx.Where("project_id = ?", q.ProjectID)
	}
	if q.LeadID > 0 {
		tx = tx.Where("lead_id = ?", q.LeadID)
	}
	if q.DueBefore != "" {
		tx = tx.Where("due <> '' AND due < ? AND status IN ('todo', 'in_progress')", q.DueBefore)
	}
	var out []pipeline.Task
	return out, mapErr(page(tx, q.After, q.Limit).Find(&out).Error)
}

// SaveObstacle implements pipeline.Store.
func (s *Store) SaveObstacle(ctx context.Context, o *pipeline.Obstacle, create bool, ev pipeline.Event) error {
	return save(s, ctx, "obstacles", o, create, ev, func() string { return itoa64(o.ID) })
}

// Obstacle implements pipeline.Store.
func (s *Store) Obstacle(ctx context.Context, id int64) (*pipeline.Obstacle, error) {
	return one[pipeline.Obstacle](s, ctx, "obstacles", "obstacle", id)
}

// Obstacles implements pipeline.Store.
func (s *Store) Obstacles(ctx context.Context, q pipeline.ObstacleQuery) ([]pipeline.Obstacle, error) {
	tx := s.db.WithContext(ctx).Table("obstacles")
	if q.LeadID > 0 {
		tx = tx.Where("lead_id = ?", q.LeadID)
	}
	if q.ProjectID > 0 {
		tx = tx.Where("project_id = ?", q.ProjectID)
	}
	if q.Status != "" {
		tx = tx.Where("status = ?", q.Status)
	}
	var out []pipeline.Obstacle
	return out, mapErr(page(tx, q.After, q.Limit).Find(&out).Error)
}

// SaveProject implements pipeline.Store.
func (s *Store) SaveProject(ctx context.Context, p *pipeline.Project, create bool, ev pipeline.Event) error {
	return save(s, ctx, "projects", p, create, ev, func() string { return itoa64(p.ID) })
}

// Project implements pipeline.Store.
func (s *Store) Project(ctx context.Context, id int64) (*pipeline.Project, error) {
	return one[pipeline.Project](s, ctx, "projects", "project", id)
}

// Projects implements pipeline.Store.
func (s *Store) Projects(ctx context.Context) ([]pipeline.Project, error) {
	var out []pipeline.Project
	return out, mapErr(s.db.WithContext(ctx).Table("projects").Order("id").Find(&out).Error)
}

// SaveTarget implements pipeline.Store.
func (s *Store) SaveTarget(ctx context.Context, t *pipeline.Target, ev pipeline.Event) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Table("targets").Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "officer_id"}, {Name: "year"}, {Name: "sector"}},
			DoUpdates: clause.AssignmentColumns([]string{"projects", "capital_usd", "hectares"})}).Create(t).Error
		if err != nil {
			return err
		}
		if err := tx.Table("targets").Where("officer_id = ? AND year = ? AND sector = ?", t.OfficerID, t.Year, t.Sector).Pluck("id", &t.ID).Error; err != nil {
			return err
		}
		return addEvent(tx, ev, itoa64(t.ID))
	})
}

// Targets implements pipeline.Store.
func (s *Store) Targets(ctx context.Context, year int, officer string) ([]pipeline.Target, error) {
	tx := s.db.WithContext(ctx).Table("targets")
	if year > 0 {
		tx = tx.Where("year = ?", year)
	}
	if officer != "" {
		tx = tx.Where("officer_id = ?", officer)
	}
	var out []pipeline.Target
	return out, mapErr(tx.Order("officer_id, sector").Find(&out).Error)
}
