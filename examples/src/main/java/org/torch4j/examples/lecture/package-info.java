/**
 * The lecture "Tensors, autograd, convolutions, SGD" as runnable programs, one per group of slides: {@link
 * org.torch4j.examples.lecture.TensorBasics}, {@link org.torch4j.examples.lecture.HighDimViews}, {@link
 * org.torch4j.examples.lecture.AutogradExamples}, {@link org.torch4j.examples.lecture.MnistFilters}, {@link
 * org.torch4j.examples.lecture.CifarGrids} and {@link org.torch4j.examples.lecture.Conv1dAndPooling}.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.HighDimViews
 * }</pre>
 */
package org.torch4j.examples.lecture;
