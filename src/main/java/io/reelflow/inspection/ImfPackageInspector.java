package io.reelflow.inspection;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Inspects an Interoperable Master Package (SMPTE ST 2067) as delivered by a post house, before it is uploaded:
 * ASSETMAP, packing lists, files, sizes and SHA-1 hashes, then every composition playlist's structure, and — when
 * a {@link DeliveryOrder} is given — picture and audio against what the deal ordered.
 *
 * <p>Thread-safe and reusable. Hashing runs on a small pool of its own per inspection.
 */
public final class ImfPackageInspector {

    /** More files than any package has; the walk stops there. */
    static final int MAX_FILES = 100_000;

    private static final Set<String> VOLUME_FILES = Set.of("assetmap.xml", "assetmap", "volindex.xml", "volindex");

    private final int hashThreads;
    private final HashProgressListener progress;
    private final boolean loudness;
    /** Wall time the loudness measurement of one inspection may take in all; null: no limit. */
    private final java.time.Duration loudnessBudget;

    /** Hashes on up to four threads, without progress reports. */
    public ImfPackageInspector() {
        this(defaultHashThreads(), HashProgressListener.NONE);
    }

    /**
     * @param hashThreads how many files to hash at once
     * @param progress    told bytes hashed so far and in total, across all files
     */
    public ImfPackageInspector(int hashThreads, HashProgressListener progress) {
        this(hashThreads, progress, false, null);
    }

    private ImfPackageInspector(int hashThreads, HashProgressListener progress, boolean loudness,
                                java.time.Duration loudnessBudget) {
        if (hashThreads < 1) {
            throw new IllegalArgumentException("hashThreads must be at least 1");
        }
        this.hashThreads = hashThreads;
        this.progress = progress == null ? HashProgressListener.NONE : progress;
        this.loudness = loudness;
        this.loudnessBudget = loudnessBudget;
    }

    /**
     * The same inspector that also measures every PCM main-audio track file: integrated loudness (ITU-R BS.1770-4)
     * and true peak, reported in the notes per file and as findings against Netflix's targets. It reads the whole
     * of each audio track file once more (at 20× real time or faster for 5.1).
     */
    public ImfPackageInspector withLoudness() {
        return new ImfPackageInspector(hashThreads, progress, true, null);
    }

    /**
     * As {@link #withLoudness()}, bounded in time: once {@code budget} of wall time has been spent measuring, the
     * file being measured and the rest are not measured, each with a {@code LOUDNESS_NOT_MEASURED} warning.
     */
    public ImfPackageInspector withLoudness(java.time.Duration budget) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("loudness budget must be positive");
        }
        return new ImfPackageInspector(hashThreads, progress, true, budget);
    }

    static int defaultHashThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Structure and integrity only. */
    public InspectionReport inspect(Path packageDir) {
        return inspect(packageDir, null);
    }

    /**
     * @param packageDir the folder holding ASSETMAP.xml
     * @param order      what the deal ordered, or null to check structure and integrity only
     * @throws IllegalArgumentException when packageDir is not a directory
     * @throws CancellationException    when the calling thread is interrupted while hashing
     */
    public InspectionReport inspect(Path packageDir, DeliveryOrder order) {
        if (!Files.isDirectory(packageDir)) {
            throw new IllegalArgumentException(packageDir + " is not a directory");
        }
        Path dir;
        try {
            dir = packageDir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(packageDir + " is not a readable directory");
        }
        Run run = new Run(dir);
        try {
            run.inspect(order);
        } catch (CancellationException e) {
            throw e;
        } catch (Throwable e) { // a file's content never fails the caller: it fails the inspection
            run.findings.add(Finding.of(FindingCode.INSPECTION_FAILED, null, null,
                    "the package could not be inspected to the end: " + Plain.failure(e)
                            + "; the findings above were made before that"));
        }
        return new InspectionReport("IMF package " + dir.getFileName(), run.findings, run.notes);
    }

    /**
     * Inspects a composition playlist on its own, without ASSETMAP or packing list (e.g. a CPL sent ahead of the
     * package): CPL structure, descriptors, durations and the order. Hash and file checks are not possible.
     */
    public InspectionReport inspectCompositionPlaylist(Path cplFile, DeliveryOrder order) {
        if (!Files.isRegularFile(cplFile) && !Files.isSymbolicLink(cplFile)) {
            throw new IllegalArgumentException(cplFile + " is not a file");
        }
        List<Finding> findings = new ArrayList<>();
        String name = cplFile.getFileName().toString();
        inspectComposition(cplFile, name, null, id -> null, order, findings);
        List<String> notes = new ArrayList<>();
        notes.add("Lone CPL: packing list, file presence and hash checks were not run");
        if (order == null) {
            notes.add("No delivery order given: only structure was checked");
        }
        return new InspectionReport("CPL " + name, findings, notes);
    }

    private static void inspectComposition(Path file, String name, Map<String, PackingList.Asset> pkl,
                                           Function<String, MxfHeaderReader.MxfTrackFile> trackFiles,
                                           DeliveryOrder order, List<Finding> findings) {
        try {
            checkComposition(file, name, pkl, trackFiles, order, findings);
        } catch (Throwable e) { // never an exception because of a file's content
            findings.add(Finding.of(FindingCode.INSPECTION_FAILED, name, "CompositionPlaylist",
                    "the composition playlist could not be checked to the end: " + Plain.failure(e)));
        }
    }

    private static void checkComposition(Path file, String name, Map<String, PackingList.Asset> pkl,
                                         Function<String, MxfHeaderReader.MxfTrackFile> trackFiles,
                                         DeliveryOrder order, List<Finding> findings) {
        CompositionPlaylist cpl;
        try {
            cpl = CompositionPlaylistReader.read(file, name, findings);
        } catch (XmlProblem e) {
            findings.add(e.toFinding(name));
            return;
        }
        CompositionStructureCheck.check(cpl, pkl, findings);
        PictureEssenceCheck.checkDescriptors(cpl, findings);
        AudioEssenceCheck.checkLanguages(cpl, findings);
        EssenceConformanceCheck.check(cpl, trackFiles, order, findings);
        if (order != null) {
            PictureEssenceCheck.checkOrder(cpl, order, trackFiles, findings);
            AudioEssenceCheck.checkOrder(cpl, order, findings);
        }
    }

    /** The state of one package inspection. */
    private final class Run {
        final Path dir;
        final List<Finding> findings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, PackingList.Asset> packingListAssets = new LinkedHashMap<>();
        /** Regular files of the package with their sizes, as the walk saw them (links never followed). */
        final Map<Path, Long> regularFiles = new LinkedHashMap<>();
        /** Symbolic links found in the package, files or folders: never read. */
        final Set<Path> links = new LinkedHashSet<>();
        /** Located assets by normalized id, once the ASSETMAP is read. */
        final Map<String, Path> locatedAssets = new LinkedHashMap<>();
        /** Track file headers read so far, each file once. */
        final Map<Path, MxfHeaderReader.MxfTrackFile> headers = new LinkedHashMap<>();
        long headerNanos;

        Run(Path dir) {
            this.dir = dir;
        }

        void inspect(DeliveryOrder order) {
            List<Path> allFiles = listFiles();
            Optional<Path> assetMapFile = allFiles.stream()
                    .filter(p -> p.getParent().equals(dir))
                    .filter(p -> p.getFileName().toString().equalsIgnoreCase("ASSETMAP.xml")
                            || p.getFileName().toString().equalsIgnoreCase("ASSETMAP"))
                    .min((a, b) -> b.getFileName().toString().length() - a.getFileName().toString().length());
            List<Path> cplFiles = new ArrayList<>();
            Set<Path> mappedFiles = new LinkedHashSet<>();
            AssetMap assetMap = null;
            if (assetMapFile.isEmpty()) {
                findings.add(Finding.of(FindingCode.ASSETMAP_MISSING, null, null,
                        "the package has no ASSETMAP.xml, so no asset can be located; XML files found in the folder "
                                + "were inspected where possible"));
            } else {
                try {
                    assetMap = AssetMapReader.read(assetMapFile.get(), rel(assetMapFile.get()), findings);
                } catch (XmlProblem e) {
                    findings.add(e.toFinding(rel(assetMapFile.get())));
                } catch (RuntimeException | StackOverflowError e) {
                    findings.add(Finding.of(FindingCode.INSPECTION_FAILED, rel(assetMapFile.get()), "AssetMap",
                            "the ASSETMAP could not be read: " + Plain.failure(e)));
                }
            }
            if (assetMap != null) {
                Map<String, Path> located = locateAssets(assetMap, mappedFiles);
                locatedAssets.putAll(located);
                readPackingLists(assetMap, located);
                checkPackingListAssets(assetMap, located);
                hashAssets(located);
                checkIdentities(located);
                cplFiles.addAll(compositionFiles(located));
            } else {
                scanForPackageXml(allFiles, cplFiles);
            }
            // A CPL that the ASSETMAP does not name is still worth inspecting: its problems are the vendor's next.
            for (Path p : allFiles) {
                if (!mappedFiles.contains(p) && !isVolumeFile(p) && assetMap != null
                        && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")
                        && CompositionPlaylistReader.isCompositionPlaylist(p) && !cplFiles.contains(p)) {
                    cplFiles.add(p);
                    notes.add("Inspected " + rel(p) + ", a CPL that the ASSETMAP does not name");
                }
            }
            if (assetMap != null) {
                reportUnreferencedFiles(allFiles, mappedFiles);
            }
            if (cplFiles.isEmpty()) {
                findings.add(Finding.of(FindingCode.CPL_MISSING, null, null,
                        "no composition playlist was found in the package"));
            }
            for (Path cpl : cplFiles) {
                inspectComposition(cpl, rel(cpl), packingListAssets.isEmpty() ? null : packingListAssets,
                        this::trackFileHeader, order, findings);
            }
            if (loudness) {
                measureLoudness();
            }
            if (!headers.isEmpty()) {
                notes.add("MXF headers read for " + headers.size() + " track files in "
                        + Rational.of(headerNanos, 1_000_000).toDecimalString(1) + " ms");
            }
            if (order == null) {
                notes.add("No delivery order given: only structure and integrity were checked");
            }
        }

        /**
         * Every XML document's own Id must be the id the ASSETMAP gives it, and every packing-list Type must match
         * what the file is (an MXF track file is application/mxf, a CPL or OPL text/xml).
         */
        private void checkIdentities(Map<String, Path> located) {
            for (Map.Entry<String, Path> e : located.entrySet()) {
                Path p = e.getValue();
                if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    continue;
                }
                try {
                    org.w3c.dom.Element root = SecureXml.parse(p).getDocumentElement();
                    String kind = root.getLocalName();
                    if (!Set.of("PackingList", "CompositionPlaylist", "OutputProfileList").contains(kind)) {
                        continue;
                    }
                    String own = SecureXml.childText(root, "Id");
                    if (own != null && !UrnIds.normalize(own).equals(e.getKey())) {
                        findings.add(Finding.of(FindingCode.DOCUMENT_ID_MISMATCH, rel(p), kind + " Id",
                                "the " + kind + " says its Id is " + own + " but the ASSETMAP names it as "
                                        + e.getKey() + "; references to it cannot be resolved"));
                    }
                } catch (XmlProblem ignored) {
                    // reported where the document is read
                }
            }
            for (PackingList.Asset a : packingListAssets.values()) {
                Path p = located.get(UrnIds.normalize(a.id()));
                if (p == null || a.type() == null) {
                    continue;
                }
                String type = a.type().trim().toLowerCase(Locale.ROOT);
                boolean mxf = startsWithMxfKey(p);
                boolean xml = !mxf && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
                if (mxf && !type.equals("application/mxf")) {
                    findings.add(Finding.of(FindingCode.PKL_TYPE_MISMATCH, rel(p), "Asset " + a.id(),
                            "the packing list gives Type " + Plain.quote(a.type()) + " but the file is an MXF track "
                                    + "file (application/mxf)"));
                } else if (xml && !type.startsWith("text/xml")) {
                    findings.add(Finding.of(FindingCode.PKL_TYPE_MISMATCH, rel(p), "Asset " + a.id(),
                            "the packing list gives Type " + Plain.quote(a.type()) + " but the file is an XML "
                                    + "document (text/xml)"));
                } else if (!mxf && type.equals("application/mxf")) {
                    findings.add(Finding.of(FindingCode.PKL_TYPE_MISMATCH, rel(p), "Asset " + a.id(),
                            "the packing list says application/mxf but the file does not begin like an MXF file"));
                }
            }
        }

        private boolean startsWithMxfKey(Path p) {
            try (java.io.InputStream in = Files.newInputStream(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                byte[] b = in.readNBytes(4);
                return b.length == 4 && b[0] == 0x06 && b[1] == 0x0e && b[2] == 0x2b && b[3] == 0x34;
            } catch (IOException e) {
                return false;
            }
        }

        /** Loudness and true peak of every PCM sound track file the compositions use. */
        private void measureLoudness() {
            long deadline = loudnessBudget == null ? Long.MAX_VALUE
                    : System.nanoTime() + Math.min(loudnessBudget.toNanos(), Long.MAX_VALUE / 4);
            for (Map.Entry<Path, MxfHeaderReader.MxfTrackFile> e : headers.entrySet()) {
                MxfHeaderReader.MxfTrackFile tf = e.getValue();
                if (!tf.readable()) {
                    continue;
                }
                MxfEssence essence = MxfEssence.of(tf.descriptor());
                if (essence.sound() == null || essence.sound().iab()) {
                    continue;
                }
                try {
                    PcmLoudness.Result r = PcmLoudness.measure(e.getKey(), essence.sound(), deadline);
                    notes.add(LoudnessRules.note(tf.file(), r));
                    findings.addAll(LoudnessRules.findings(tf.file(), r));
                } catch (PcmLoudness.TimeBudgetSpent ex) {
                    findings.add(LoudnessRules.notMeasured(tf.file(), loudnessBudget));
                } catch (java.util.concurrent.CancellationException ex) {
                    throw ex;
                } catch (IOException | RuntimeException ex) {
                    notes.add("Loudness of " + tf.file() + " not measured: " + (ex instanceof IOException
                            ? String.valueOf(ex.getMessage()) : Plain.failure(ex)));
                }
            }
        }

        /** The header of a packing-list track file, read once; null when the file is not in the package. */
        MxfHeaderReader.MxfTrackFile trackFileHeader(String trackFileId) {
            Path p = locatedAssets.get(UrnIds.normalize(trackFileId));
            if (p == null || !packingListAssets.containsKey(UrnIds.normalize(trackFileId))) {
                return null;
            }
            return headers.computeIfAbsent(p, path -> {
                long start = System.nanoTime();
                MxfHeaderReader.MxfTrackFile header = MxfHeaderReader.read(path, rel(path));
                headerNanos += System.nanoTime() - start;
                return header;
            });
        }

        /** Resolves every ASSETMAP path; reports unsafe paths and missing files. */
        private Map<String, Path> locateAssets(AssetMap assetMap, Set<Path> mappedFiles) {
            Map<String, Path> located = new LinkedHashMap<>();
            String amFile = "ASSETMAP.xml";
            for (AssetMap.Entry e : assetMap.entries()) {
                String element = "Asset " + e.id();
                Optional<Path> path = resolveInside(e.path());
                if (path.isEmpty()) {
                    findings.add(Finding.of(FindingCode.ASSET_PATH_INVALID, amFile, element,
                            e.path() == null || e.path().isBlank()
                                    ? "the ASSETMAP gives no path for asset " + e.id()
                                    : "the path " + Plain.quote(e.path()) + " of asset " + e.id() + " is absolute, "
                                    + "uses \\ or .., or leads outside the package; assets must be named by a "
                                    + "relative path inside it"));
                    continue;
                }
                mappedFiles.add(path.get());
                Optional<Path> link = linkOnTheWay(path.get());
                if (link.isPresent()) {
                    findings.add(Finding.of(FindingCode.ASSET_SYMLINK, e.path(), element,
                            "the ASSETMAP names " + e.path() + " for asset " + e.id() + ", but "
                                    + (link.get().equals(path.get()) ? "it is" : rel(link.get()) + " is")
                                    + " a symbolic link; links are never followed, so the asset was not read"));
                    continue;
                }
                if (!regularFiles.containsKey(path.get())) {
                    findings.add(Finding.of(FindingCode.ASSET_FILE_MISSING, e.path(), element,
                            "the ASSETMAP names " + e.path() + " for asset " + e.id()
                                    + " but the file is not in the package"));
                    continue;
                }
                located.put(UrnIds.normalize(e.id()), path.get());
            }
            return located;
        }

        private void readPackingLists(AssetMap assetMap, Map<String, Path> located) {
            List<Path> pklFiles = new ArrayList<>();
            for (AssetMap.Entry e : assetMap.entries()) {
                Path p = located.get(UrnIds.normalize(e.id()));
                if (e.packingList() && p != null) {
                    pklFiles.add(p);
                }
            }
            boolean flagged = assetMap.entries().stream().anyMatch(AssetMap.Entry::packingList);
            if (pklFiles.isEmpty() && !flagged) {
                // Some writers omit <PackingList>true</PackingList>: recognise PKLs by their root element.
                for (Path p : located.values()) {
                    if (p.toString().toLowerCase(Locale.ROOT).endsWith(".xml") && rootIs(p, "PackingList")) {
                        pklFiles.add(p);
                    }
                }
            }
            if (pklFiles.isEmpty()) {
                findings.add(Finding.of(FindingCode.PKL_MISSING, "ASSETMAP.xml", null,
                        flagged ? "the packing list named by the ASSETMAP is missing"
                                : "the ASSETMAP names no packing list"));
            }
            for (Path p : pklFiles) {
                try {
                    PackingList pkl = PackingListReader.read(p, rel(p), findings);
                    for (PackingList.Asset a : pkl.assets()) {
                        packingListAssets.putIfAbsent(UrnIds.normalize(a.id()), a);
                    }
                } catch (XmlProblem e) {
                    findings.add(e.toFinding(rel(p)));
                } catch (RuntimeException | StackOverflowError e) {
                    findings.add(Finding.of(FindingCode.INSPECTION_FAILED, rel(p), "PackingList",
                            "the packing list could not be read: " + Plain.failure(e)));
                }
            }
        }

        private void checkPackingListAssets(AssetMap assetMap, Map<String, Path> located) {
            for (PackingList.Asset a : packingListAssets.values()) {
                String name = a.originalFileName() != null ? a.originalFileName() : a.id();
                if (assetMap.entry(a.id()).isEmpty()) {
                    findings.add(Finding.of(FindingCode.ASSET_NOT_IN_ASSETMAP, "ASSETMAP.xml", "Asset " + a.id(),
                            "the packing list lists " + name + " (" + a.id()
                                    + ") but the ASSETMAP does not say where it is, so it cannot be delivered"));
                }
            }
            for (AssetMap.Entry e : assetMap.entries()) {
                if (!e.packingList() && !packingListAssets.containsKey(UrnIds.normalize(e.id()))
                        && located.containsKey(UrnIds.normalize(e.id()))) {
                    findings.add(Finding.of(FindingCode.ASSET_NOT_IN_PKL, e.path(), "Asset " + e.id(),
                            "the ASSETMAP names " + e.path() + " but no packing list lists it, so its integrity "
                                    + "cannot be checked"));
                }
            }
        }

        private void hashAssets(Map<String, Path> located) {
            Map<Path, Long> toHash = new LinkedHashMap<>();
            Map<Path, PackingList.Asset> assetOf = new LinkedHashMap<>();
            for (PackingList.Asset a : packingListAssets.values()) {
                Path p = located.get(UrnIds.normalize(a.id()));
                if (p == null) {
                    continue; // missing or unmapped: reported already
                }
                String file = rel(p);
                long actualSize = regularFiles.get(p); // located assets are regular files of the walk
                if (a.size() != null && a.size() != actualSize) {
                    findings.add(Finding.of(FindingCode.ASSET_SIZE_MISMATCH, file, "Asset " + a.id(),
                            "the file has " + actualSize + " bytes but the packing list says " + a.size()
                                    + "; it is truncated or not the file that was packed (hash not computed)"));
                    continue;
                }
                if (a.hash() == null) {
                    findings.add(Finding.of(FindingCode.ASSET_HASH_MISSING, file, "Asset " + a.id(),
                            "the packing list gives no Hash, so the file cannot be verified"));
                    continue;
                }
                if (!PackingList.SHA1.equals(a.hashAlgorithm())) {
                    findings.add(Finding.of(FindingCode.HASH_ALGORITHM_UNSUPPORTED, file, "Asset " + a.id(),
                            "hash algorithm " + a.hashAlgorithm() + " is not SHA-1; the file was not verified"));
                    continue;
                }
                toHash.put(p, actualSize);
                assetOf.put(p, a);
            }
            Map<Path, ParallelAssetHasher.Result> results;
            try {
                results = new ParallelAssetHasher(hashThreads, progress).hash(toHash);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("inspection of " + dir + " interrupted while hashing");
            }
            long bytes = 0;
            int verified = 0;
            for (Map.Entry<Path, ParallelAssetHasher.Result> r : results.entrySet()) {
                PackingList.Asset a = assetOf.get(r.getKey());
                String file = rel(r.getKey());
                if (r.getValue().error() != null) {
                    findings.add(Finding.of(FindingCode.ASSET_UNREADABLE, file, "Asset " + a.id(),
                            "cannot be read to verify its hash: " + readError(r.getValue().error())));
                } else if (!r.getValue().base64Sha1().equals(a.hash().trim())) {
                    findings.add(Finding.of(FindingCode.ASSET_HASH_MISMATCH, file, "Asset " + a.id(),
                            "SHA-1 of the file is " + r.getValue().base64Sha1() + " but the packing list says "
                                    + a.hash() + ": the file is corrupt or was changed after packing"));
                } else {
                    verified++;
                    bytes += toHash.get(r.getKey());
                }
            }
            notes.add("SHA-1 verified for " + verified + " of " + packingListAssets.size() + " packing-list assets ("
                    + Rational.of(bytes, 1024 * 1024).toDecimalString(1) + " MiB)");
        }

        private List<Path> compositionFiles(Map<String, Path> located) {
            List<Path> cpls = new ArrayList<>();
            for (PackingList.Asset a : packingListAssets.values()) {
                Path p = located.get(UrnIds.normalize(a.id()));
                boolean xml = (a.type() != null && a.type().toLowerCase(Locale.ROOT).contains("xml"))
                        || (p != null && p.toString().toLowerCase(Locale.ROOT).endsWith(".xml"));
                if (p == null || !xml) {
                    continue;
                }
                try {
                    if ("CompositionPlaylist".equals(SecureXml.parse(p).getDocumentElement().getLocalName())) {
                        cpls.add(p);
                    }
                } catch (XmlProblem e) {
                    findings.add(e.toFinding(rel(p))); // a broken CPL (or other XML asset) must not go unnoticed
                }
            }
            return cpls;
        }

        /** Without an ASSETMAP: find PKLs and CPLs by their root element so their own checks can still run. */
        private void scanForPackageXml(List<Path> allFiles, List<Path> cplFiles) {
            for (Path p : allFiles) {
                if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") || isVolumeFile(p)) {
                    continue;
                }
                if (rootIs(p, "PackingList")) {
                    try {
                        for (PackingList.Asset a : PackingListReader.read(p, rel(p), findings).assets()) {
                            packingListAssets.putIfAbsent(UrnIds.normalize(a.id()), a);
                        }
                    } catch (XmlProblem e) {
                        findings.add(e.toFinding(rel(p)));
                    }
                } else if (rootIs(p, "CompositionPlaylist")) {
                    cplFiles.add(p);
                }
            }
        }

        private void reportUnreferencedFiles(List<Path> allFiles, Set<Path> mappedFiles) {
            for (Path p : allFiles) {
                if (!mappedFiles.contains(p) && !isVolumeFile(p)) {
                    findings.add(Finding.of(FindingCode.UNREFERENCED_FILE, rel(p), null,
                            "no ASSETMAP entry names " + rel(p) + ", so it is not part of the delivery: remove it, "
                                    + "or add it to the ASSETMAP if it belongs to the package"));
                }
            }
        }

        private boolean isVolumeFile(Path p) {
            return p.getParent().equals(dir) && VOLUME_FILES.contains(p.getFileName().toString().toLowerCase(Locale.ROOT));
        }

        /** The first symbolic link on the way from the package folder to {@code p} (p included), if any. */
        private Optional<Path> linkOnTheWay(Path p) {
            Path rel = dir.relativize(p);
            Path current = dir;
            for (Path part : rel) {
                current = current.resolve(part);
                if (links.contains(current)) {
                    return Optional.of(current);
                }
            }
            return Optional.empty();
        }

        /** ST 429-9 paths are relative, '/'-separated and must stay inside the package. */
        private Optional<Path> resolveInside(String path) {
            if (path == null || path.isBlank() || path.startsWith("/") || path.startsWith("\\")
                    || path.matches("^[A-Za-z]:.*") || path.contains("\\")) {
                return Optional.empty();
            }
            for (String part : path.split("/")) {
                if (part.equals("..")) {
                    return Optional.empty();
                }
            }
            Path resolved = dir.resolve(path).normalize();
            return resolved.startsWith(dir) && !resolved.equals(dir) ? Optional.of(resolved) : Optional.empty();
        }

        /**
         * Walks the package without following links: regular files are listed with their sizes; a link (to a file
         * or a folder, anywhere) is an {@link FindingCode#ASSET_SYMLINK} finding and is neither read nor resolved,
         * so nothing outside the package folder is ever opened, measured or said to exist.
         */
        private List<Path> listFiles() {
            List<Path> files = new ArrayList<>();
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        Path p = f.normalize();
                        if (attrs.isSymbolicLink()) {
                            links.add(p);
                            findings.add(Finding.of(FindingCode.ASSET_SYMLINK, rel(p), null,
                                    rel(p) + " is a symbolic link; links are never followed, so what it points to "
                                            + "was not read: deliver the file itself inside the package"));
                        } else if (attrs.isRegularFile()) {
                            if (regularFiles.size() >= MAX_FILES) {
                                return FileVisitResult.TERMINATE;
                            }
                            regularFiles.put(p, attrs.size());
                            files.add(p);
                        } else if (!attrs.isDirectory()) {
                            findings.add(Finding.of(FindingCode.ASSET_UNREADABLE, rel(p), null,
                                    rel(p) + " is not a regular file (a device, pipe or socket); it was not read"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        findings.add(Finding.of(FindingCode.ASSET_UNREADABLE, rel(f.normalize()), null,
                                rel(f.normalize()) + " cannot be read: " + readError(e)));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                findings.add(Finding.of(FindingCode.ASSET_UNREADABLE, null, null,
                        "the package folder cannot be listed: " + readError(e)));
            }
            if (regularFiles.size() >= MAX_FILES) {
                findings.add(Finding.of(FindingCode.XML_LIMIT_EXCEEDED, null, null,
                        "the package holds more than " + MAX_FILES + " files; only the first were looked at"));
            }
            files.sort(null);
            return files;
        }

        private String rel(Path p) {
            return dir.relativize(p).toString().replace(File.separatorChar, '/');
        }
    }

    private static boolean rootIs(Path file, String localName) {
        return localName.equals(SecureXml.rootElementName(file, XmlLimits.COMPOSITION_PLAYLIST));
    }

    /** An I/O failure in plain words, without the exception's class or the absolute path. */
    static String readError(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "access is denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it disappeared while the package was being inspected";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return "the file system reported an error while reading it";
    }
}
