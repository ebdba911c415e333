// This file defines the special sandboxing features: switches and defaults that are not path or network categories.

package sandbox

import "strconv"

// Feature is a sandboxing feature other than the path and network categories
// (spec 05 §3). Lock through Proxy have a switch ("sandbox/mem:on", all off
// by default); Mem, Pid, Force, TPE, SegvGuard and Block have a default
// action ("default/pid:kill").
type Feature uint8

// The features, in the order the JSON state lists them.
const (
	FeatureLock      Feature = iota // Landlock ("sandbox/lock"), startup only
	FeatureMem                      // memory limits (mem/max, mem/vm_max), startup only
	FeaturePid                      // task-count limit (pid/max), startup only
	FeatureForce                    // verified execution (force+path:hash)
	FeatureTPE                      // trusted path execution (tpe/*)
	FeatureCrypt                    // transparent encryption (crypt+), startup only
	FeatureProxy                    // SOCKS forwarding through syd-tor (proxy/*), startup only
	FeatureSegvGuard                // crash-based exec suspension; no switch (segvguard/expiry:0 disables)
	FeatureBlock                    // the IP block list; no switch
	NumFeatures                     // count, not a feature
)

var featureNames = [NumFeatures]string{"lock", "mem", "pid", "force", "tpe", "crypt", "proxy", "segvguard", "block"}

// String returns the feature's name as written in commands.
func (f Feature) String() string {
	if f < NumFeatures {
		return featureNames[f]
	}
	return "feature(" + strconv.Itoa(int(f)) + ")"
}

// featSet is a set of features as a bit mask.
type featSet uint16

const (
	switchFeats  featSet = 1<<FeatureLock | 1<<FeatureMem | 1<<FeaturePid | 1<<FeatureForce | 1<<FeatureTPE | 1<<FeatureCrypt | 1<<FeatureProxy
	defaultFeats featSet = 1<<FeatureMem | 1<<FeaturePid | 1<<FeatureForce | 1<<FeatureTPE | 1<<FeatureSegvGuard | 1<<FeatureBlock
	startupFeats featSet = 1<<FeatureLock | 1<<FeatureMem | 1<<FeaturePid | 1<<FeatureCrypt | 1<<FeatureProxy
)

func (s featSet) has(f Feature) bool { return s&(1<<f) != 0 }

// featureByName maps feature names to features.
var featureByName = func() map[string]Feature {
	m := make(map[string]Feature, NumFeatures)
	for f := range NumFeatures {
		m[f.String()] = f
	}
	return m
}()

// defaultFeatureActions are Syd's defaults for the features that have one.
var defaultFeatureActions = [NumFeatures]Action{
	FeatureMem:       ActionDeny,
	FeaturePid:       ActionKill,
	FeatureForce:     ActionKill,
	FeatureTPE:       ActionDeny,
	FeatureSegvGuard: ActionDeny,
	FeatureBlock:     ActionDeny,
}
