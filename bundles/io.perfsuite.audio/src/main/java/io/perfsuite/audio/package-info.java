// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The audio engine's services for other platform bundles: analysing a file with the analyser chain exactly as it
 * would run live ({@link io.perfsuite.audio.FileAnalysis}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.perfsuite.audio;
