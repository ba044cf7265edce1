package indexer

import "github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

// buildBatchSize is how many documents a persistent build hands bleve per
// batch. Each batch becomes one segment; with no merging during the build
// (buildMergePlan) a thousand reports (64,000 measures) make 16 segments,
// merged once at the end. Small batches made hundreds of segments that
// scorch merged tier after tier, rewriting the same postings several times:
// at 256 documents a batch merging took about a third of the build's CPU
// (BENCHMARKS.md, "Indexing at N = 1000").
const buildBatchSize = 512

// maxBuildSegments bounds the segments a build makes before its final
// merge; buildMergePlan lets that many accumulate without merging.
const maxBuildSegments = 1 << 12

// buildMergePlan returns scorch's merge plan during a build: no tier fills
// up, so nothing is merged until the final merge.
func buildMergePlan() map[string]interface{} {
	return map[string]interface{}{
		"MaxSegmentsPerTier":   maxBuildSegments,
		"SegmentsPerMergeTask": maxBuildSegments,
	}
}

// finalMergePlan is the plan of the merge that ends a build: every segment
// into one, in one task (scorch's single-segment plan merges ten at a time,
// which merges the first results again).
func finalMergePlan() *mergeplan.MergePlanOptions {
	mo := mergeplan.SingleSegmentMergePlanOptions
	mo.SegmentsPerMergeTask = maxBuildSegments
	return &mo
}
