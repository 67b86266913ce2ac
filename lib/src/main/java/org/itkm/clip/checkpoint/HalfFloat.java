package org.itkm.clip.checkpoint;

/** IEEE 754 half precision to and from float (Java 17 has no {@code Float.float16ToFloat}). */
final class HalfFloat {
    private HalfFloat() {}

    static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** The nearest half (ties to even); beyond the half range gives infinity, NaN stays NaN. */
    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        int half;
        int rem;
        int halfway;
        if (e <= 0) { // subnormal half: mantissa with its implicit bit, shifted to units of 2^-24
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            half = m >>> shift;
            rem = m & ((1 << shift) - 1);
            halfway = 1 << (shift - 1);
        } else {
            half = (e << 10) | (mant >>> 13);
            rem = mant & 0x1fff;
            halfway = 0x1000;
        }
        if (rem > halfway || (rem == halfway && (half & 1) != 0)) {
            half++; // a carry into the exponent is the correct rounding (up to infinity)
        }
        return (short) (sign | half);
    }
}
