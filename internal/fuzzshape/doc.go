// Package fuzzshape builds the inputs of the fuzz-driven complexity tests
// (detect's and bodyformat's, built with -tags detectsteps): a piece the
// fuzzer chose, repeated whole to about n and to exactly eight times as
// many bytes, alone or between dense customer records; and their seeds,
// read from the packages' fuzz corpora and cut from every synthetic shape.
package fuzzshape
