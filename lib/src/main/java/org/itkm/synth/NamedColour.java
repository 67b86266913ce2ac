package org.itkm.synth;

import java.util.List;

/**
 * A colour with the word a caption uses for it. The palettes are deliberately small so that many
 * identities share garment colours: colour alone cannot tell them apart.
 */
record NamedColour(String name, int rgb) {
    static final List<NamedColour> GARMENT = List.of(
            new NamedColour("black", 0x1e1e22), new NamedColour("white", 0xe8e8e4),
            new NamedColour("grey", 0x86888c), new NamedColour("red", 0xb8262a),
            new NamedColour("blue", 0x2a4cb0), new NamedColour("navy", 0x1c2650),
            new NamedColour("green", 0x2f8a3c), new NamedColour("yellow", 0xe0c030),
            new NamedColour("brown", 0x6e4a2a), new NamedColour("pink", 0xe08aa8),
            new NamedColour("purple", 0x6a3a92), new NamedColour("orange", 0xe07828),
            new NamedColour("beige", 0xcdb892));
    static final List<NamedColour> HAIR = List.of(
            new NamedColour("black", 0x16120f), new NamedColour("brown", 0x5a3a22),
            new NamedColour("blond", 0xc8a860), new NamedColour("grey", 0x9a9a96),
            new NamedColour("red", 0x8a3a1a));
    static final List<NamedColour> SKIN = List.of(
            new NamedColour("light", 0xf0c8a8), new NamedColour("fair", 0xdcae8c),
            new NamedColour("tan", 0xb8855e), new NamedColour("brown", 0x8a5a3a),
            new NamedColour("dark", 0x5a3a26));
}
