package org.automb.media.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Reading and replacing the parts of a {@code trak} the joiner touches. */
final class Track {

    private Track() {
    }

    /** The handler type of a trak ("soun", "text", "vide"...), or "" when it has none. */
    static String handler(Box trak) throws NotJoinableException {
        Box hdlr = trak.require("mdia").require("hdlr");
        if (hdlr.body().length < 12) {
            throw new NotJoinableException("a short 'hdlr'");
        }
        // version and flags (4), pre_defined (4), handler_type (4)
        return Box.fourCc(ByteBuffer.wrap(hdlr.body(), 8, 4).getInt());
    }

    static Box stbl(Box trak) throws NotJoinableException {
        return trak.require("mdia").require("minf").require("stbl");
    }

    /** The trak with its stbl replaced by {@code change} of it. */
    static Box withStbl(Box trak, UnaryOperator<Box> change) throws NotJoinableException {
        Box mdia = trak.require("mdia");
        Box minf = mdia.require("minf");
        Box stbl = minf.require("stbl");
        return replace(trak, mdia, replace(mdia, minf, replace(minf, stbl, change.apply(stbl))));
    }

    /** {@code parent} with its child {@code old} (the same instance) replaced by {@code updated}. */
    static Box replace(Box parent, Box old, Box updated) {
        List<Box> children = new ArrayList<>(parent.children());
        children.replaceAll(child -> child == old ? updated : child);
        return parent.withChildren(children);
    }
}
