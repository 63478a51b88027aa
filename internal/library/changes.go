package library

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Changes is what changed in a story since one of its versions: the
// contract of `parallax show --changes-since --format json`.
type Changes struct {
	Story int `json:"story"`
	// Since is the version compared with, 0 for the story's beginning;
	// Version the latest.
	Since   int `json:"since"`
	Version int `json:"version"`
	// Sources are the articles new since then, as the brief lists them.
	Sources []parallax.Source `json:"sources"`
	// Facts are the statements of the summary and the agreed facts that
	// the earlier brief did not make.
	Facts []parallax.Statement `json:"facts"`
	// Quotes are the utterances not quoted before, or quoted now by more
	// sources or in new wordings.
	Quotes []parallax.Quote `json:"quotes"`
	// Figures are the figures whose value or sources changed, and
	// Conflicts the disagreements that are new or whose sides changed.
	Figures   []parallax.Figure   `json:"figures"`
	Conflicts []parallax.Conflict `json:"conflicts"`
}

// VersionAt returns the latest version of story id made at or before t, 0
// when the story is younger.
func VersionAt(ctx context.Context, st parallax.Store, id int, t time.Time) (int, error) {
	vs, err := st.StoryVersions(ctx, id)
	if err != nil {
		return 0, err
	}
	v := 0
	for _, x := range vs {
		if !x.At.After(t) {
			v = x.Version
		}
	}
	return v, nil
}

// Changes compares story id's latest brief with its brief at version
// since (0 compares with nothing: everything is new).
func (b *Briefer) Changes(ctx context.Context, id, since int) (*Changes, error) {
	now, err := b.Show(ctx, id, 0, false)
	if err != nil {
		return nil, err
	}
	var old *parallax.Brief
	if since > 0 && since < now.Version {
		o, err := b.Show(ctx, now.Info.ID, since, false)
		if err != nil {
			return nil, err
		}
		old = o.Brief
	} else if since >= now.Version {
		old = now.Brief
	}
	return Compare(now.Info.ID, since, now.Version, old, now.Brief), nil
}

// Compare lists what brief now says that brief old (nil for none) did
// not. It changes neither brief.
func Compare(story, since, version int, old, now *parallax.Brief) *Changes {
	if old == nil {
		old = &parallax.Brief{}
	}
	c := &Changes{Story: story, Since: since, Version: version,
		Sources: []parallax.Source{}, Facts: []parallax.Statement{}, Quotes: []parallax.Quote{},
		Figures: []parallax.Figure{}, Conflicts: []parallax.Conflict{}}
	seen := map[string]bool{}
	for _, s := range old.Sources {
		seen[sourceKey(s)] = true
	}
	for _, s := range now.Sources {
		if !seen[sourceKey(s)] {
			c.Sources = append(c.Sources, s)
		}
	}
	facts := map[string]bool{}
	for _, s := range append(slices.Clone(old.Summary), old.Agreed...) {
		facts[norm(s.Text)] = true
	}
	for _, s := range append(slices.Clone(now.Summary), now.Agreed...) {
		if k := norm(s.Text); !facts[k] {
			facts[k] = true
			c.Facts = append(c.Facts, s)
		}
	}
	quotes := map[string]string{}
	for _, q := range old.Quotes {
		quotes[norm(q.Speaker+"|"+q.Text)] = quoteShape(q)
	}
	for _, q := range now.Quotes {
		if shape, ok := quotes[norm(q.Speaker+"|"+q.Text)]; !ok || shape != quoteShape(q) {
			c.Quotes = append(c.Quotes, q)
		}
	}
	figures := map[string]string{}
	for _, f := range old.Figures {
		figures[norm(f.About+"|"+f.Unit)] += figureShape(f)
	}
	nowFigures := map[string]string{}
	for _, f := range now.Figures {
		nowFigures[norm(f.About+"|"+f.Unit)] += figureShape(f)
	}
	for _, f := range now.Figures {
		k := norm(f.About + "|" + f.Unit)
		if figures[k] != nowFigures[k] {
			c.Figures = append(c.Figures, f)
		}
	}
	conflicts := map[string]string{}
	for _, x := range old.Conflicts {
		conflicts[norm(x.Kind+"|"+x.About)] += conflictShape(x)
	}
	for _, x := range now.Conflicts {
		if conflicts[norm(x.Kind+"|"+x.About)] != conflictShape(x) {
			c.Conflicts = append(c.Conflicts, x)
		}
	}
	return c
}

func sourceKey(s parallax.Source) string { return s.Name + "|" + s.Title + "|" + s.URL + "|" + s.Path }

func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func quoteShape(q parallax.Quote) string {
	var b strings.Builder
	b.WriteString(strings.Join(q.Sources, ","))
	for _, v := range q.Variants {
		b.WriteString("|" + norm(v.Text) + ":" + strings.Join(v.Sources, ","))
	}
	return b.String()
}

func figureShape(f parallax.Figure) string {
	return norm(f.Text) + ":" + strings.Join(f.Sources, ",") + ";"
}

func conflictShape(x parallax.Conflict) string {
	var b strings.Builder
	if x.Consistent {
		b.WriteString("consistent")
	}
	for _, cl := range x.Claims {
		b.WriteString("|" + norm(cl.Text) + ":" + strings.Join(cl.Sources, ","))
	}
	return b.String() + ";"
}
