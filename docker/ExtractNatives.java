import org.bytedeco.javacpp.Loader;

/**
 * A build step of the image, not part of the service: loads every bundled ffmpeg library and the ffmpeg and ffprobe
 * executables once, so JavaCPP extracts them into its cache (-Dorg.bytedeco.javacpp.cachedir) while the image is
 * built. At run time the loader then finds everything in place and only reads. Prints the executables' paths.
 */
public final class ExtractNatives {
    private ExtractNatives() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        String[] libraries = {"avutil", "swresample", "avcodec", "avformat", "swscale", "avfilter", "avdevice"};
        for (String library : libraries) {
            Loader.load(Class.forName("org.bytedeco.ffmpeg.global." + library));
        }
        System.out.println(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        System.out.println(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
    }
}
