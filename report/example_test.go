package report_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/bgsim/bgsim/report"
	"github.com/bgsim/bgsim/scenarios"
)

// Example replays a library scenario and writes its HTML report and its Chrome trace.
func Example() {
	s, err := scenarios.ParseFile("../scenarios/library/cancellation/grace_termination.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := scenarios.Run(s, scenarios.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	item := report.FromReport(rep)

	var page bytes.Buffer
	if err := report.HTML(&page, []report.Scenario{item}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(page.String(), `data-task="Stubborn" data-instance="1" data-outcome="terminated"`))

	// The same records as Trace Event Format, for chrome://tracing or Perfetto: the instance is
	// one complete event on its registration's track.
	var trace bytes.Buffer
	if err := report.ChromeTrace(&trace, &item); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(trace.String(), "\n") {
		if strings.Contains(line, `"ph":"X"`) || strings.Contains(line, `"thread_name","ph":"M","pid":1,"tid":1,`) {
			fmt.Println(line)
		}
	}
	// Output:
	// true
	// {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"Stubborn (task=1)"}},
	// {"name":"Stubborn","cat":"instance","ph":"X","ts":60000000,"dur":15000000,"pid":1,"tid":1,"args":{"instance":1,"outcome":"terminated","reason":"Abort","result":"error","run":"+00:01:00.000 run       Stubborn task=1 instance=1 trigger=System(UserAway)","end":"+00:01:15.000 completed Stubborn task=1 instance=1 result=error"}},
}
