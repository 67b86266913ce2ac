package org.itkm.eval;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.itkm.io.InvalidInputException;

/**
 * The evaluation protocols of the paper's Table 1 (see the reference notes, section E), and diagnostic
 * protocols within one modality or one outfit beside them. Each one fixes which image sets it pairs,
 * which gallery items are valid for a query, which of those count as matches, and how CMC is computed.
 */
public enum Protocol {
    /** Market-style: drop gallery items with the query's pid and camera; first-match CMC. */
    STANDARD("standard", "drop same pid + same camera; first-match CMC", false, CmcRule.FIRST_MATCH, 0),
    /** LTCC general setting: identical to standard. */
    LTCC_GENERAL("ltcc-general", "LTCC general: drop same pid + same camera", false, CmcRule.FIRST_MATCH, 0),
    /** LTCC clothes-changing setting: also drop the query person's items in the same clothes. */
    LTCC_CC("ltcc-cc", "LTCC clothes-changing: also drop same pid + same clothes", true, CmcRule.FIRST_MATCH, 0),
    /** SYSU-MM01 all-search: IR queries vs visible cameras 1,2,4,5; cam-3 queries never see cam 2. */
    SYSU_ALL("sysu-all", "SYSU-MM01 all-search: cam3 queries drop all cam2 items; identity-deduplicated CMC;"
            + " single-shot galleries from cams 1,2,4,5", false, CmcRule.IDENTITY_DEDUPLICATED, 10),
    /** SYSU-MM01 indoor-search: as all-search with the gallery restricted to cameras 1 and 2. */
    SYSU_INDOOR("sysu-indoor", "SYSU-MM01 indoor-search: as sysu-all, gallery cams 1,2 only", false,
            CmcRule.IDENTITY_DEDUPLICATED, 10),
    /** MLR-CUHK03 (RLIM rule): CMC over random single-shot draws per query, mAP over the full gallery. */
    MLR("mlr", "MLR-CUHK03 (RLIM): drop same pid + same camera; CMC averaged over single-shot draws,"
            + " mAP on the full gallery", false, CmcRule.SINGLE_SHOT_DRAWS, 10),
    /**
     * Diagnostic, not in the paper: SYSU-MM01's visible test images (its gallery, cameras 1,2,4,5) against
     * each other, so a method's cross-modality result can be read against what it does within visible.
     */
    SYSU_VISIBLE("sysu-visible", "within visible: SYSU gallery vs itself; drop same pid + same camera (the"
            + " query itself too); first-match CMC", false, CmcRule.FIRST_MATCH, 0, Pairing.GALLERY_TO_GALLERY),
    /** Diagnostic, not in the paper: SYSU-MM01's infrared test images (its query, cameras 3, 6) against each other. */
    SYSU_INFRARED("sysu-infrared", "within infrared: SYSU query vs itself; drop same pid + same camera (the"
            + " query itself too); first-match CMC", false, CmcRule.FIRST_MATCH, 0, Pairing.QUERY_TO_QUERY),
    /**
     * Diagnostic, not in the paper: LTCC with the clothes change taken out, the counterpart of ltcc-cc. A
     * match must come from another camera in the query's clothes; the person's other outfits are junk.
     */
    LTCC_SAME_CLOTHES("ltcc-same-clothes", "LTCC same clothes: drop same pid + same camera and same pid in"
            + " other clothes; first-match CMC", true, CmcRule.FIRST_MATCH, 0);

    /**
     * Which of a data set's two test sets a protocol ranks against which. The paper's protocols rank the
     * query set against the gallery set; the within-modality ones rank one set against itself, where each
     * query is also a gallery item: same pid and camera, so the protocol's rule removes it as junk.
     */
    public enum Pairing {
        QUERY_TO_GALLERY,
        GALLERY_TO_GALLERY,
        QUERY_TO_QUERY;

        /** The set whose images are the queries, of a data set's query set and gallery set. */
        public <T> T queries(T querySet, T gallerySet) {
            return switch (this) {
                case QUERY_TO_GALLERY, QUERY_TO_QUERY -> querySet;
                case GALLERY_TO_GALLERY -> gallerySet;
            };
        }

        /** The set the queries are ranked against, of a data set's query set and gallery set. */
        public <T> T gallery(T querySet, T gallerySet) {
            return switch (this) {
                case QUERY_TO_GALLERY, GALLERY_TO_GALLERY -> gallerySet;
                case QUERY_TO_QUERY -> querySet;
            };
        }
    }

    /** How the cumulative match characteristic is read off a ranking. */
    enum CmcRule {
        /** Rank of the first valid match. */
        FIRST_MATCH,
        /** Rank of the query identity after keeping only the first item of every identity. */
        IDENTITY_DEDUPLICATED,
        /** Per query, draws of one random gallery item per identity (open-reid single_gallery_shot). */
        SINGLE_SHOT_DRAWS
    }

    private static final int[] SYSU_ALL_GALLERY_CAMS = {1, 2, 4, 5};
    private static final int[] SYSU_INDOOR_GALLERY_CAMS = {1, 2};

    private final String id;
    private final String summary;
    private final boolean needsClothes;
    final CmcRule cmcRule;
    private final int defaultTrials;
    private final Pairing pairing;

    Protocol(String id, String summary, boolean needsClothes, CmcRule cmcRule, int defaultTrials) {
        this(id, summary, needsClothes, cmcRule, defaultTrials, Pairing.QUERY_TO_GALLERY);
    }

    Protocol(String id, String summary, boolean needsClothes, CmcRule cmcRule, int defaultTrials, Pairing pairing) {
        this.id = id;
        this.summary = summary;
        this.needsClothes = needsClothes;
        this.cmcRule = cmcRule;
        this.defaultTrials = defaultTrials;
        this.pairing = pairing;
    }

    /** The name used on the command line and in result tables. */
    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }

    public boolean needsClothes() {
        return needsClothes;
    }

    /** Which test set is ranked against which. */
    public Pairing pairing() {
        return pairing;
    }

    /**
     * Default number of trials: single-shot galleries for SYSU, single-shot draws per query for MLR,
     * 0 (not used) for the others.
     */
    public int defaultTrials() {
        return defaultTrials;
    }

    /** Whether {@code --trials} means anything for this protocol. */
    public boolean usesTrials() {
        return defaultTrials > 0;
    }

    /**
     * Whether this is one of the paper's SYSU-MM01 protocols (single-shot gallery trials, camera-2 rule);
     * false for the within-modality sysu-visible and sysu-infrared, which have neither.
     */
    public boolean isSysu() {
        return this == SYSU_ALL || this == SYSU_INDOOR;
    }

    /** Visible cameras a SYSU gallery is drawn from; null for the other protocols. */
    int[] sysuGalleryCameras() {
        return switch (this) {
            case SYSU_ALL -> SYSU_ALL_GALLERY_CAMS;
            case SYSU_INDOOR -> SYSU_INDOOR_GALLERY_CAMS;
            case STANDARD, LTCC_GENERAL, LTCC_CC, MLR, SYSU_VISIBLE, SYSU_INFRARED, LTCC_SAME_CLOTHES -> null;
        };
    }

    /**
     * Whether a gallery item of the query's own identity is a valid match (the others of that identity
     * are junk and are removed from the ranking).
     */
    boolean isValidSameIdentity(int qCam, int qClothes, int gCam, int gClothes) {
        return switch (this) {
            case STANDARD, LTCC_GENERAL, MLR, SYSU_VISIBLE, SYSU_INFRARED -> gCam != qCam;
            case LTCC_CC -> gCam != qCam && gClothes != qClothes;
            case LTCC_SAME_CLOTHES -> gCam != qCam && gClothes == qClothes;
            case SYSU_ALL, SYSU_INDOOR -> !(qCam == 3 && gCam == 2);
        };
    }

    /** Whether a gallery item of another identity stays in the query's ranking. */
    boolean keepsOtherIdentity(int qCam, int gCam) {
        return !(isSysu() && qCam == 3 && gCam == 2);
    }

    /** Parses a protocol name, with an error listing the known names. */
    public static Protocol fromId(String id) {
        for (Protocol p : values()) {
            if (p.id.equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("unknown protocol '" + id + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(", "));
    }
}
