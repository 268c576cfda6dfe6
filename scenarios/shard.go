package scenarios

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count equal parts of a campaign, Index from 1. The zero value is the whole
// campaign.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 1 <= i <= n. An error is a usage error.
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("cannot use shard %q: want i/n with 1 <= i <= n, such as 1/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

// String returns "i/n", or "1/1" for the whole campaign.
func (sh Shard) String() string {
	if sh.Count <= 1 {
		return "1/1"
	}
	return strconv.Itoa(sh.Index) + "/" + strconv.Itoa(sh.Count)
}

// Takes reports whether the shard takes unit k (from 0) of a campaign: k modulo Count is
// Index-1. Every unit goes to exactly one shard.
func (sh Shard) Takes(k int) bool {
	return sh.Count <= 1 || k%sh.Count == sh.Index-1
}

// ShardFiles returns the files shard sh takes, in order: "bgsim run --shard" splits this way.
func ShardFiles(files []string, sh Shard) []string {
	var out []string
	for k, f := range files {
		if sh.Takes(k) {
			out = append(out, f)
		}
	}
	return out
}
