// Package report shows replayed scenarios for people: an HTML timeline report, and the trace as
// Trace Event Format JSON for chrome://tracing, Perfetto and other profilers' viewers.
//
// # Using it
//
//	s, err := scenarios.ParseFile(path)
//	rep, err := scenarios.Run(s, scenarios.Options{})
//	item := report.FromReport(rep)                  // or report.FromError(path, err)
//	err = report.HTML(w, []report.Scenario{item})    // one self-contained page
//	err = report.ChromeTrace(w, &item)               // {"traceEvents":[...]}
//
// "bgsim report --html OUT.html PATH..." does the first for files and folders.
//
// # The HTML report
//
// [HTML] writes one page that needs nothing else: CSS, SVG and script are inline and it
// references no network resource, so it opens from a CI artifact or a file:// URL. At the top,
// a pass/fail summary and a legend of the colours and marks (open when something failed);
// failing scenarios (and files that could not run) come first, then the passing ones, each
// group in the order given. Each scenario is a timeline on virtual time:
//
//   - a lane per device and app state (power, network, user, standby, battery_saver, app, and
//     network_cost, session, lock_screen, time_zone when the trace changes them), rebuilt from
//     the scenario's device and app blocks and the device and app records, each value coloured
//     by what it means for background tasks: as usual (green), limited (amber), gone (red), on
//     (blue, a true flag) or any other value (grey);
//   - a lane for system events, faults and access changes;
//   - a lane per registration (its name cut with an ellipsis where it is too wide for the label
//     column; hovering over the label shows it whole), with a bar per instance from run to
//     completed, coloured by outcome (a dark edge when the result is error), and marks for
//     registering, latching,
//     cancellation and termination, delivery and dropped completions, and the answers to
//     requests: a tick on a teal disc (path.mk-allowed) for an allowed device trigger, media processing
//     or ApplicationTrigger request, an orange no-entry sign (path.mk-refused) for a refused one
//     (DeniedBySystem, DeniedByUser, LowBattery, DisabledByPolicy, CurrentlyRunning,
//     UnknownError) and for a trigger not delivered (not_delivered=...);
//   - a registration that failed (register_failed) marked on the lane of the last registration
//     of its name, or on a lane of its own (g.lane-failed) when there is none;
//   - a lane of failed expectations, each at its virtual time where it is known (the
//     expectation's at, the start of its between, or the record where the trace first differs
//     from its recording); every failure is listed with its file:line:col.
//
// Marks of one instant on one row are drawn side by side, in the order of their records (data-dx
// is the shift in px), and the more important over the others: failures, errors and faults,
// then cancellations, refusals, dropped completions, latches, deliveries, events and the rest.
// A bar is at least 5 px wide, so that an instance that ran no time shows, and the plot leaves 8
// px free at each end, so that marks at the start and end of the view are whole.
//
// Hovering over any bar, segment or mark shows its canonical trace lines; clicking keeps them
// below the timeline, until its close button. The "at +..." button of a failure shows a range of an eighth of the first
// view around it, however often it is clicked. The first view runs from the start to just past
// the last record; dragging across a timeline zooms to that range, and buttons zoom in and out,
// fit the view to the records again, or show the whole run.
//
// Stable hooks, for tests and scripts: each instance bar is a rect.bar with data-task (the
// registration's name), data-instance (its number) and data-outcome: completed, canceled
// (canceled, then completed), terminated (its host was terminated, canceled or not), or
// running (still running when the scenario ended). Each state lane is a g with data-lane (its
// key); each registration lane a g with data-task-lane (its number, or update_task for the lane
// of the update task, which has no registration and is labelled "(update task)"). Every bar,
// segment and mark has data-t0 (and bars and segments data-t1) in virtual microseconds, and
// data-lines with its trace lines. #summary carries data-total, data-passed, data-failed and data-errors.
//
// The output is deterministic: the same scenarios give the same bytes. Every name, line and
// message is escaped by html/template. The output is bounded whatever the input: each scenario
// draws at most 1500 bars, segments and marks and 60 registration lanes. Past the budget it says
// how many more it did not draw and from which instant (the first item left out of a drawn lane),
// and shades the timeline from there to the end (rect.cut); past 60 registrations it says how
// many were not drawn. Overlapping instances of a registration take up to 4 rows of its lane;
// an instance that finds them all busy is drawn over another on the last row, outlined
// (rect.bar.overlaps), and counted in a note. Each mark keeps 12 trace lines of at most 300
// characters; 40 failures of at most 4000 characters are listed.
//
// # The Trace Event Format export
//
// [ChromeWriter] streams records as a Trace Event Format document on virtual time in
// microseconds: an instance is a complete event ("ph":"X") named after its registration on one
// track (tid) per registration, with thread_name metadata (an instance that overlaps another of
// its registration goes on an overlap track of that registration, as viewers want the complete
// events of one track to nest); device and app state are counter
// events ("ph":"C"); every other record (trigger events, latches, cancellations, deliveries, ...)
// is an instant event ("ph":"i"). It implements [simulator.Sink], so it can be an engine's sink,
// and holds only the instances still running. [ChromeTrace] writes one scenario's records. Both
// are deterministic.
//
// # Tested in a browser
//
// The specs open a report of library scenarios in headless Chromium (Debian's
// /usr/bin/chromium, or chromium, chromium-browser or google-chrome on the PATH) through the
// DevTools protocol, and check that there is no console error or exception, that the bars
// match the run records, that hovering shows a bar's trace line and that dragging zooms. They
// save a screenshot to $BGSIM_ARTIFACTS (default .ci/artifacts) as report-screenshot.png.
// Without a browser they fail when CI is set and are skipped otherwise, with a message saying how
// to install one (apt-get install -y chromium).
//
// They use chromedp rather than rod: chromedp is a plain Go client of the DevTools protocol that
// starts exactly the browser binary and flags it is given and downloads nothing, which suits a
// machine without network; rod's launcher downloads its own browser unless told otherwise, and
// brings more than this test needs.
package report
