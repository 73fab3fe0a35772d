package pipeline

import (
	"context"

	"github.com/landcat/landcat/internal/catalog"
)

// follow recomputes a project's projected finish, stores it when it moved
// (an event by the pipeline), and sets the available_from of every parcel
// linked to the project to the projected finish plus the link's offset,
// through the catalogue (an audited edit by the pipeline) when it differs.
// Failures are logged: the periodic job tries again.
func (s *Service) follow(ctx context.Context, p *Project) {
	if err := s.followErr(ctx, p); err != nil {
		s.logError("parcels not brought in line with their project; the periodic job retries", "project", p.ID, "err", err)
	}
}

func (s *Service) followByID(ctx context.Context, id int64) {
	p, err := s.Store.Project(ctx, id)
	if err != nil {
		s.logError("project not followed", "project", id, "err", err)
		return
	}
	s.follow(ctx, p)
}

func (s *Service) followErr(ctx context.Context, p *Project) error {
	tasks, err := s.Store.Tasks(ctx, TaskQuery{ProjectID: p.ID})
	if err != nil {
		return err
	}
	sch, err := s.schedule(p, tasks)
	if err != nil {
		return err
	}
	if sch.ProjectedFinish != p.ProjectedFinish {
		ev := s.event(SystemActor, "project", p.ID, "projected_finish", map[string]string{"from": p.ProjectedFinish, "to": sch.ProjectedFinish})
		p.ProjectedFinish = sch.ProjectedFinish
		if err := s.Store.SaveProject(ctx, p, false, ev); err != nil {
			return err
		}
	}
	for _, l := range p.Parcels {
		want := date(day(sch.ProjectedFinish).AddDate(0, 0, l.OffsetDays))
		f, err := s.Catalog.Store.Get(ctx, catalog.Parcels, l.Parcel)
		if catalog.KindOf(err) == catalog.KindNotFound || (err == nil && (f.String("available_from") == want || f.Publication == catalog.Archived)) {
			continue
		}
		if err != nil {
			return err
		}
		if err := s.setParcel(ctx, SystemActor, l.Parcel, map[string]any{"available_from": want}); err != nil {
			return err
		}
	}
	return nil
}

// FollowProjects brings every project's parcels in line with its
// projected finish (which moves with today's date as unfinished work is
// pushed forward); it returns the first error after trying them all.
func (s *Service) FollowProjects(ctx context.Context) error {
	ps, err := s.Store.Projects(ctx)
	if err != nil {
		return err
	}
	var first error
	for i := range ps {
		if err := s.followErr(ctx, &ps[i]); err != nil && first == nil {
			first = err
		}
	}
	return first
}
