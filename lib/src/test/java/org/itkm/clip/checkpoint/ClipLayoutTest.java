package org.itkm.clip.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.itkm.clip.ClipConfig;
import org.itkm.clip.HostTensor;
import org.junit.jupiter.api.Test;

/**
 * The ViT-B/16 checkpoint the kit writes has the published checkpoints' parameters: names, shapes (and,
 * for OpenAI's archive, dtypes) against lists written from transformers' CLIPModel and OpenAI's
 * clip/model.py (test resources clip-layout/), without writing the 600 MB file.
 */
class ClipLayoutTest {
    private static final ClipConfig B16 = ClipArchitecture.VIT_B_16.config();

    /** One line of a layout list. */
    private record Line(String name, String dtype, long[] shape) {}

    private static List<Line> published(String file) throws IOException {
        List<Line> out = new ArrayList<>();
        try (InputStream in = ClipLayoutTest.class.getResourceAsStream("/clip-layout/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(" ", 3);
                String dims = p[2].substring(1, p[2].length() - 1).trim();
                long[] shape = dims.isEmpty() ? new long[0]
                        : java.util.Arrays.stream(dims.split(", ")).mapToLong(Long::parseLong).toArray();
                out.add(new Line(p[0], p[1], shape));
            }
        }
        return out;
    }

    @Test
    void huggingFaceNamesAndShapesAreCLIPModels() throws IOException {
        Map<String, long[]> mine = ClipParameterLayout.huggingFace(B16);
        List<Line> theirs = published("vit-b-16-huggingface.txt");
        assertEquals(398, theirs.size());
        assertEquals(theirs.size(), mine.size());
        for (Line l : theirs) {
            assertTrue(mine.containsKey(l.name()), "missing " + l.name());
            assertArrayEquals(l.shape(), mine.get(l.name()), l.name());
        }
        assertEquals(149_620_737L, ClipParameterLayout.count(mine));
        assertEquals(149_620_737L, ClipArchitecture.VIT_B_16.parameterCount());
        assertEquals(ClipArchitecture.VIT_B_16.publishedParameters(), ClipArchitecture.VIT_B_16.parameterCount());
    }

    @Test
    void openAiNamesShapesDtypesAndOrderAreTheArchives() throws IOException {
        Map<String, long[]> mine = OpenAiClipArchive.openAiShapes(B16);
        List<Line> theirs = published("vit-b-16-openai.txt");
        assertEquals(302, theirs.size());
        assertEquals(theirs.stream().map(Line::name).toList(), new ArrayList<>(mine.keySet()));
        long values = 0;
        long bytes = 0;
        for (Line l : theirs) {
            assertArrayEquals(l.shape(), mine.get(l.name()), l.name());
            assertEquals(l.dtype(), OpenAiClipArchive.storedAsHalf(l.name()) ? "F16" : "F32", l.name());
            long n = HostTensor.elementCount(l.shape());
            values += n;
            bytes += n * (l.dtype().equals("F16") ? 2 : 4);
        }
        assertEquals(149_620_737L, values);
        assertEquals(350_349_316L, bytes, "OpenAI's mixed float16/float32 data: ~350 MB");
    }

    @Test
    void theArchitectureReadBackFromOpenAiShapesIsViTB16() {
        ClipConfig c = OpenAiClipArchive.inferConfig(OpenAiClipArchive.openAiShapes(B16),
                java.nio.file.Path.of("ViT-B-16.pt"));
        assertEquals(B16.vision(), c.vision());
        assertEquals(B16.projectionDim(), c.projectionDim());
        assertEquals(B16.text().width(), c.text().width());
        assertEquals(B16.text().heads(), c.text().heads());
        assertEquals(B16.text().layers(), c.text().layers());
        assertEquals(B16.text().mlpDim(), c.text().mlpDim());
        assertEquals(B16.text().contextLength(), c.text().contextLength());
        assertEquals(49408, c.text().vocabSize());
        assertEquals(49407, c.text().eosTokenId(), "OpenAI's archives end texts with <|endoftext|> = 49407");
    }

    @Test
    void halfFloatRoundsToNearestEven() {
        assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f));
        assertEquals((short) 0xc000, HalfFloat.fromFloat(-2f));
        assertEquals((short) 0x7bff, HalfFloat.fromFloat(65504f));
        assertEquals((short) 0x7c00, HalfFloat.fromFloat(65520f), "rounds up to infinity");
        assertEquals((short) 0x0001, HalfFloat.fromFloat(0x1p-24f), "smallest subnormal");
        assertEquals((short) 0x0000, HalfFloat.fromFloat(0x1p-25f), "half of it: ties to even (zero)");
        assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f + 0x1p-11f), "tie between 1 and 1+2^-10: even");
        assertEquals((short) 0x3c01, HalfFloat.fromFloat(1f + 0x1p-11f + 0x1p-20f));
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            float x = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 4)));
            float back = HalfFloat.toFloat(HalfFloat.fromFloat(x));
            assertTrue(Math.abs(back - x) <= Math.max(Math.abs(x) * 0x1p-11f, 0x1p-25f), x + " -> " + back);
        }
    }
}
