package org.automb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The speech case's audio: prose spoken by espeak-ng (Debian's {@code espeak-ng}) over a quiet room-noise floor.
 * Audiobooks are speech, and ffmpeg's AAC encoder spends more CPU per second on speech than on noise (about 1.4 × as
 * much on this speech as on the other cases' pink noise, docs/performance.md), so this is the case whose speed a
 * reader of the README can expect.
 *
 * <p>Everything is seeded by the file's seed: the text (sentences drawn from a fixed word list), the voice and its
 * variant, the speed and the pitch, and the noise floor. espeak-ng speaks each file in a fraction of a second per
 * minute of audio, so every file gets its own speech (no pool cut up and reused). espeak-ng writes 22.05 kHz mono;
 * the mix resamples it to the case's rate, so the spectrum above 11 kHz holds only the noise floor, as in a
 * recording made through a microphone in a quiet room.
 */
final class Speech {

    /** espeak-ng's voices (all English, several accents) and variants (male and female). */
    private static final List<String> VOICES = List.of("en-gb", "en-us", "en-gb-scotland", "en-gb-x-rp", "en-029",
        "en-us-nyc", "en-gb-x-gbclan", "en-gb-x-gbcwmd");
    private static final List<String> VARIANTS = List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5");

    /** Common words of English prose: the text is nonsense, but it is spoken like sentences. */
    private static final String[] WORDS = ("the the the a a of of and and to to in in was was he she it it they his her"
        + " that that with with for on at by from as but not had had were said would could there their when then"
        + " house river morning evening night light quiet garden letter window stone road winter summer autumn spring"
        + " friend father mother brother sister children old new long small great little dark cold warm bright"
        + " told walked looked found thought knew remembered waited carried opened closed followed turned answered"
        + " door table fire city village forest mountain ship sea voice hand heart story book year day time place"
        + " world water field bridge church market train station kitchen doctor captain teacher soldier stranger"
        + " slowly suddenly never always again almost nothing something everyone another before after under above"
        + " across through without because although while until perhaps certainly quietly carefully").split(" ");
    private static final String[] ENDINGS = {".", ".", ".", ".", "?", "!", ";", ","};

    /** Speech at -3 dB: espeak-ng peaks at full scale; this leaves an audiobook's usual level (about −23 dBFS RMS). */
    static final double SPEECH_GAIN = 0.7;
    /**
     * The room-noise floor: pink noise at this amplitude is about −56 dBFS RMS (−50 dBFS peak), within the −60..−50 dB
     * of a quiet home studio. It fills the bands above the speech, as a real recording's floor does.
     */
    static final double NOISE_AMPLITUDE = 0.008;
    /** espeak-ng's speed range, words per minute (its default is 175). */
    private static final int MIN_WPM = 145;
    private static final int MAX_WPM = 180;

    private Speech() {
    }

    /** What the generated speech depends on beyond the case itself, for the corpus's cache marker. */
    static String fingerprint(Tools tools) {
        String version = tools.capture(List.of("espeak-ng", "--version")).trim();
        return Tools.fmt("speech v1 (%s; gain %s, pink floor %s; %d voices × %d variants, %d–%d wpm)", version,
            SPEECH_GAIN, NOISE_AMPLITUDE, VOICES.size(), VARIANTS.size(), MIN_WPM, MAX_WPM);
    }

    /** The espeak-ng settings and text of one file, all from its seed. */
    record Script(String voice, int wordsPerMinute, int pitch, String text) {
    }

    /** The file's script: enough words for its length at its speed, with a margin (espeak-ng pauses at punctuation). */
    static Script script(Corpus.FileSpec file) {
        Random random = new Random(file.seed());
        String voice = VOICES.get(random.nextInt(VOICES.size())) + "+" + VARIANTS.get(random.nextInt(VARIANTS.size()));
        int wpm = MIN_WPM + random.nextInt(MAX_WPM - MIN_WPM + 1);
        int pitch = 35 + random.nextInt(31);
        long words = Math.round(file.seconds() * wpm / 60.0 * 1.2) + 30;
        StringBuilder text = new StringBuilder();
        while (words > 0) {
            int length = (int) Math.min(words, 4 + random.nextInt(15));
            for (int i = 0; i < length; i++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                text.append(i == length - 1 ? ENDINGS[random.nextInt(ENDINGS.length)] : "");
                text.append(' ');
            }
            words -= length;
            if (random.nextInt(8) == 0) {
                text.append("\n\n");
            }
        }
        return new Script(voice, wpm, pitch, text.toString());
    }

    /** Speaks the file's script into {@code wav} (espeak-ng, an argument list; the text goes through a file). */
    static void speak(Tools tools, Corpus.FileSpec file, Path wav, Path workDir, Path logs) throws IOException {
        Script script = script(file);
        Path text = wav.resolveSibling(wav.getFileName() + ".txt");
        Files.writeString(text, script.text(), StandardCharsets.UTF_8);
        try {
            tools.timed(List.of("espeak-ng", "-v", script.voice(), "-s", String.valueOf(script.wordsPerMinute()),
                "-p", String.valueOf(script.pitch()), "-f", text.toString(), "-w", wav.toString()),
                workDir, null, logs.resolve("speak-" + file.seed() + ".log"));
        } finally {
            Files.deleteIfExists(text);
        }
    }

    /**
     * ffmpeg's inputs and filter for one file: the speech (looped, should it be shorter than the file), resampled,
     * at {@link #SPEECH_GAIN}, cut to the file's exact sample count, mixed with its own seed's noise floor.
     */
    static List<String> mixArgs(Corpus.FileSpec file, Path wav, int rate) {
        long samples = Math.round(file.seconds() * rate);
        String noise = Tools.fmt("anoisesrc=color=pink:amplitude=%s:seed=%d:sample_rate=%d:duration=%.3f",
            NOISE_AMPLITUDE, file.seed(), rate, file.seconds() + 1);
        String filter = Tools.fmt("[0:a]aresample=%d,volume=%s,atrim=end_sample=%d[speech];"
            + "[speech][1:a]amix=inputs=2:normalize=0:duration=first", rate, SPEECH_GAIN, samples);
        return List.of("-stream_loop", "-1", "-i", wav.toString(), "-f", "lavfi", "-i", noise, "-filter_complex", filter);
    }
}
