package org.automb.plan;

/** Real ffprobe JSON, as printed by {@code ffprobe -v error -print_format json -show_format -show_streams}. */
final class ProbeSamples {

    private ProbeSamples() {
    }

    /** ffprobe 7.1 on a generated x.mp3 (dispositions trimmed to the flags read). */
    static final String MP3 = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "mp3",
                  "codec_long_name": "MP3 (MPEG audio layer 3)",
                  "codec_type": "audio",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "sample_fmt": "fltp",
                  "sample_rate": "44100",
                  "channels": 1,
                  "channel_layout": "mono",
                  "bits_per_sample": 0,
                  "initial_padding": 0,
                  "r_frame_rate": "0/0",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/14112000",
                  "start_pts": 353600,
                  "start_time": "0.025057",
                  "duration_ts": 42762240,
                  "duration": "3.030204",
                  "bit_rate": "128000",
                  "disposition": {
                    "default": 0,
                    "attached_pic": 0
                  }
                }
              ],
              "format": {
                "filename": "/books/in/x.mp3",
                "nb_streams": 1,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "mp3",
                "format_long_name": "MP2/3 (MPEG audio layer 2/3)",
                "start_time": "0.025057",
                "duration": "3.030204",
                "size": "49016",
                "bit_rate": "129406",
                "probe_score": 51,
                "tags": {
                  "title": "Kapitel 1: Café",
                  "artist": "Jörg Author",
                  "album": "Das Buch",
                  "encoder": "Lavf61.7.100"
                }
              }
            }
            """;

    /** ffprobe 7.1 on a generated x.m4a (dispositions trimmed to the flags read). */
    static final String M4A_WITH_PNG_COVER = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "aac",
                  "codec_long_name": "AAC (Advanced Audio Coding)",
                  "profile": "LC",
                  "codec_type": "audio",
                  "codec_tag_string": "mp4a",
                  "codec_tag": "0x6134706d",
                  "sample_fmt": "fltp",
                  "sample_rate": "44100",
                  "channels": 1,
                  "channel_layout": "mono",
                  "bits_per_sample": 0,
                  "initial_padding": 0,
                  "id": "0x1",
                  "r_frame_rate": "0/0",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/44100",
                  "start_pts": 0,
                  "start_time": "0.000000",
                  "duration_ts": 132300,
                  "duration": "3.000000",
                  "bit_rate": "69599",
                  "nb_frames": "131",
                  "extradata_size": 5,
                  "disposition": {
                    "default": 1,
                    "attached_pic": 0
                  },
                  "tags": {
                    "language": "und",
                    "handler_name": "SoundHandler",
                    "vendor_id": "[0][0][0][0]"
                  }
                },
                {
                  "index": 1,
                  "codec_name": "png",
                  "codec_long_name": "PNG (Portable Network Graphics) image",
                  "codec_type": "video",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "width": 64,
                  "height": 64,
                  "coded_width": 64,
                  "coded_height": 64,
                  "closed_captions": 0,
                  "film_grain": 0,
                  "has_b_frames": 0,
                  "sample_aspect_ratio": "1:1",
                  "display_aspect_ratio": "1:1",
                  "pix_fmt": "rgb24",
                  "level": -99,
                  "color_range": "pc",
                  "color_space": "gbr",
                  "refs": 1,
                  "id": "0x0",
                  "r_frame_rate": "90000/1",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/90000",
                  "start_pts": 0,
                  "start_time": "0.000000",
                  "duration_ts": 270000,
                  "duration": "3.000000",
                  "disposition": {
                    "default": 0,
                    "attached_pic": 1
                  }
                }
              ],
              "format": {
                "filename": "/books/in/x.m4a",
                "nb_streams": 2,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
                "format_long_name": "QuickTime / MOV",
                "start_time": "0.000000",
                "duration": "3.000000",
                "size": "28258",
                "bit_rate": "75354",
                "probe_score": 100,
                "tags": {
                  "major_brand": "M4A ",
                  "minor_version": "512",
                  "compatible_brands": "M4A isomiso2",
                  "title": "X",
                  "artist": "Y",
                  "encoder": "Lavf61.7.100"
                }
              }
            }
            """;

    /** ffprobe 7.1 on a generated x.flac (dispositions trimmed to the flags read). */
    static final String FLAC = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "flac",
                  "codec_long_name": "FLAC (Free Lossless Audio Codec)",
                  "codec_type": "audio",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "sample_fmt": "s16",
                  "sample_rate": "44100",
                  "channels": 1,
                  "channel_layout": "mono",
                  "bits_per_sample": 0,
                  "initial_padding": 0,
                  "r_frame_rate": "0/0",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/44100",
                  "start_pts": 0,
                  "start_time": "0.000000",
                  "duration_ts": 132300,
                  "duration": "3.000000",
                  "bits_per_raw_sample": "16",
                  "extradata_size": 34,
                  "disposition": {
                    "default": 0,
                    "attached_pic": 0
                  }
                }
              ],
              "format": {
                "filename": "/books/in/x.flac",
                "nb_streams": 1,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "flac",
                "format_long_name": "raw FLAC",
                "start_time": "0.000000",
                "duration": "3.000000",
                "size": "44358",
                "bit_rate": "118288",
                "probe_score": 100,
                "tags": {
                  "ARTIST": "Z",
                  "TITLE": "T",
                  "encoder": "Lavf61.7.100"
                }
              }
            }
            """;

    /** ffprobe 7.1 on a generated x.opus (dispositions trimmed to the flags read). */
    static final String OPUS = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "opus",
                  "codec_long_name": "Opus (Opus Interactive Audio Codec)",
                  "codec_type": "audio",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "sample_fmt": "fltp",
                  "sample_rate": "48000",
                  "channels": 1,
                  "channel_layout": "mono",
                  "bits_per_sample": 0,
                  "initial_padding": 312,
                  "r_frame_rate": "0/0",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/48000",
                  "start_pts": 0,
                  "start_time": "0.000000",
                  "duration_ts": 144312,
                  "duration": "3.006500",
                  "extradata_size": 19,
                  "disposition": {
                    "default": 0,
                    "attached_pic": 0
                  },
                  "tags": {
                    "encoder": "Lavc61.19.101 libopus",
                    "ARTIST": "Z"
                  }
                }
              ],
              "format": {
                "filename": "/books/in/x.opus",
                "nb_streams": 1,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "ogg",
                "format_long_name": "Ogg",
                "start_time": "0.000000",
                "duration": "3.006500",
                "size": "27602",
                "bit_rate": "73446",
                "probe_score": 100
              }
            }
            """;

    /** ffprobe 7.1 on a generated xc.mp3 (dispositions trimmed to the flags read). */
    static final String MP3_WITH_JPEG_COVER = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "mp3",
                  "codec_long_name": "MP3 (MPEG audio layer 3)",
                  "codec_type": "audio",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "sample_fmt": "fltp",
                  "sample_rate": "44100",
                  "channels": 1,
                  "channel_layout": "mono",
                  "bits_per_sample": 0,
                  "initial_padding": 0,
                  "r_frame_rate": "0/0",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/14112000",
                  "start_pts": 353600,
                  "start_time": "0.025057",
                  "duration_ts": 42762240,
                  "duration": "3.030204",
                  "bit_rate": "64000",
                  "disposition": {
                    "default": 0,
                    "attached_pic": 0
                  }
                },
                {
                  "index": 1,
                  "codec_name": "mjpeg",
                  "codec_long_name": "Motion JPEG",
                  "profile": "Baseline",
                  "codec_type": "video",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "width": 64,
                  "height": 64,
                  "coded_width": 64,
                  "coded_height": 64,
                  "closed_captions": 0,
                  "film_grain": 0,
                  "has_b_frames": 0,
                  "sample_aspect_ratio": "1:1",
                  "display_aspect_ratio": "1:1",
                  "pix_fmt": "yuvj444p",
                  "level": -99,
                  "color_range": "pc",
                  "color_space": "bt470bg",
                  "chroma_location": "center",
                  "refs": 1,
                  "r_frame_rate": "90000/1",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/90000",
                  "start_pts": 2255,
                  "start_time": "0.025056",
                  "duration_ts": 272718,
                  "duration": "3.030200",
                  "bits_per_raw_sample": "8",
                  "disposition": {
                    "default": 0,
                    "attached_pic": 1
                  },
                  "tags": {
                    "comment": "Other"
                  }
                }
              ],
              "format": {
                "filename": "/books/in/xc.mp3",
                "nb_streams": 2,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "mp3",
                "format_long_name": "MP2/3 (MPEG audio layer 2/3)",
                "start_time": "0.025056",
                "duration": "3.030204",
                "size": "26674",
                "bit_rate": "70421",
                "probe_score": 51,
                "tags": {
                  "title": "Y",
                  "encoder": "Lavf61.7.100"
                }
              }
            }
            """;

    /** ffprobe 7.1 on a generated x.ogg (dispositions trimmed to the flags read). */
    static final String OGG_VORBIS = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "vorbis",
                  "codec_long_name": "Vorbis",
                  "codec_type": "audio",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "sample_fmt": "fltp",
                  "sample_rate": "44100",
                  "channels": 2,
                  "channel_layout": "stereo",
                  "bits_per_sample": 0,
                  "initial_padding": 0,
                  "r_frame_rate": "0/0",
                  "avg_frame_rate": "0/0",
                  "time_base": "1/44100",
                  "start_pts": 0,
                  "start_time": "0.000000",
                  "duration_ts": 88256,
                  "duration": "2.001270",
                  "extradata_size": 3308,
                  "disposition": {
                    "default": 0,
                    "attached_pic": 0
                  },
                  "tags": {
                    "encoder": "Lavc61.19.101 vorbis",
                    "ARTIST": "Ève",
                    "Title": "Überschrift"
                  }
                }
              ],
              "format": {
                "filename": "/books/in/x.ogg",
                "nb_streams": 1,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "ogg",
                "format_long_name": "Ogg",
                "start_time": "0.000000",
                "duration": "2.001270",
                "size": "10709",
                "bit_rate": "42808",
                "probe_score": 100
              }
            }
            """;

    /** ffprobe 7.1 on a generated c.jpg (dispositions trimmed to the flags read). */
    static final String JPEG_IMAGE = """
            {
              "streams": [
                {
                  "index": 0,
                  "codec_name": "mjpeg",
                  "codec_long_name": "Motion JPEG",
                  "profile": "Baseline",
                  "codec_type": "video",
                  "codec_tag_string": "[0][0][0][0]",
                  "codec_tag": "0x0000",
                  "width": 64,
                  "height": 64,
                  "coded_width": 64,
                  "coded_height": 64,
                  "closed_captions": 0,
                  "film_grain": 0,
                  "has_b_frames": 0,
                  "sample_aspect_ratio": "1:1",
                  "display_aspect_ratio": "1:1",
                  "pix_fmt": "yuvj444p",
                  "level": -99,
                  "color_range": "pc",
                  "color_space": "bt470bg",
                  "chroma_location": "center",
                  "refs": 1,
                  "r_frame_rate": "25/1",
                  "avg_frame_rate": "25/1",
                  "time_base": "1/25",
                  "start_pts": 0,
                  "start_time": "0.000000",
                  "duration_ts": 1,
                  "duration": "0.040000",
                  "bits_per_raw_sample": "8",
                  "disposition": {
                    "default": 0,
                    "attached_pic": 0
                  }
                }
              ],
              "format": {
                "filename": "/books/in/c.jpg",
                "nb_streams": 1,
                "nb_programs": 0,
                "nb_stream_groups": 0,
                "format_name": "image2",
                "format_long_name": "image2 sequence",
                "start_time": "0.000000",
                "duration": "0.040000",
                "size": "2170",
                "bit_rate": "434000",
                "probe_score": 50
              }
            }
            """;
}
