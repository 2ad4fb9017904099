// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The command-line jobs over the whole analysis chain, as plain classes the launcher and the runtime call:
 * {@link io.perfsuite.cli.internal.jobs.AnalyseJob} ({@code perfsuite analyse FILE [--json]}) and
 * {@link io.perfsuite.cli.internal.jobs.EvaluateJob} ({@code perfsuite evaluate PATH [--json]}). Both take the
 * {@link io.perfsuite.audio.FileAnalysis} service, so a file is heard causally, block by block, exactly as the live
 * engine hears the performer; the evaluation scores it with {@code io.perfsuite.evaluation} (mir_eval 0.7
 * definitions) beside the stored outputs of peer analysers. Not exported.
 */
package io.perfsuite.cli.internal.jobs;
