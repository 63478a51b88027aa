package poll_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/poll"
)

// item is one RSS item made from the text of the example reports.
func item(n int, title, text string) string {
	return fmt.Sprintf(`<item><title>%s</title><link>https://news.example.org/%d</link><guid>https://news.example.org/%d</guid>`+
		`<pubDate>Mon, 14 Apr 2025 19:0%d:00 GMT</pubDate><description><![CDATA[<p>%s</p>]]></description></item>`, title, n, n, n, text)
}

func rss(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example News</title><link>https://news.example.org/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

const (
	first  = "El Salvador's president Nayib Bukele said on Monday he had no plans to return a man mistakenly deported from the United States."
	second = "The US would help El Salvador build new prisons, Mr Trump added after the meeting in the Oval Office."
)

// TestRun checks that Run polls at once and again when the feed falls
// due, calls settled after a poll that stored articles, and stops when
// its context is done.
func TestRun(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) { s.feed = rss(item(1, "Bukele will not return man", first)) })
	w, _ := watcherWith(t, poll.WatchOptions{Every: time.Millisecond, Now: time.Now}, s.ts.URL+"/feed.xml")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	settled := make(chan poll.Report, 10)
	go func() {
		done <- w.Run(ctx, func(_ context.Context, r poll.Report) { settled <- r })
	}()
	if r := <-settled; r.Stored != 1 {
		t.Errorf("settled after %+v, want 1 stored", r)
	}
	for s.count("/feed.xml") < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
	if len(settled) != 0 {
		t.Errorf("settled again after polls that stored nothing: %+v", <-settled)
	}
}
