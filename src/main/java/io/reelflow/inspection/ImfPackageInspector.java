package io.reelflow.inspection;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * Inspects an Interoperable Master Package (SMPTE ST 2067) as delivered by a post house, before it is uploaded:
 * ASSETMAP, packing lists, files, sizes and SHA-1 hashes, then every composition playlist's structure, and — when
 * a {@link DeliveryOrder} is given — picture and audio against what the deal ordered.
 *
 * <p>Thread-safe and reusable. Hashing runs on a small pool of its own per inspection.
 */
public final class ImfPackageInspector {

    private static final Set<String> VOLUME_FILES = Set.of("assetmap.xml", "assetmap", "volindex.xml", "volindex");

    private final int hashThreads;
    private final HashProgressListener progress;

    /** Hashes on up to four threads, without progress reports. */
    public ImfPackageInspector() {
        this(defaultHashThreads(), HashProgressListener.NONE);
    }

    /**
     * @param hashThreads how many files to hash at once
     * @param progress    told bytes hashed so far and in total, across all files
     */
    public ImfPackageInspector(int hashThreads, HashProgressListener progress) {
        if (hashThreads < 1) {
            throw new IllegalArgumentException("hashThreads must be at least 1");
        }
        this.hashThreads = hashThreads;
        this.progress = progress == null ? HashProgressListener.NONE : progress;
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
        Path dir = packageDir.toAbsolutePath().normalize();
        Run run = new Run(dir);
        run.inspect(order);
        return new InspectionReport("IMF package " + dir.getFileName(), run.findings, run.notes);
    }

    /**
     * Inspects a composition playlist on its own, without ASSETMAP or packing list (e.g. a CPL sent ahead of the
     * package): CPL structure, descriptors, durations and the order. Hash and file checks are not possible.
     */
    public InspectionReport inspectCompositionPlaylist(Path cplFile, DeliveryOrder order) {
        if (!Files.isRegularFile(cplFile)) {
            throw new IllegalArgumentException(cplFile + " is not a file");
        }
        List<Finding> findings = new ArrayList<>();
        String name = cplFile.getFileName().toString();
        inspectComposition(cplFile, name, null, order, findings);
        List<String> notes = new ArrayList<>();
        notes.add("Lone CPL: packing list, file presence and hash checks were not run");
        if (order == null) {
            notes.add("No delivery order given: only structure was checked");
        }
        return new InspectionReport("CPL " + name, findings, notes);
    }

    private static void inspectComposition(Path file, String name, Map<String, PackingList.Asset> pkl,
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
        if (order != null) {
            PictureEssenceCheck.checkOrder(cpl, order, findings);
            AudioEssenceCheck.checkOrder(cpl, order, findings);
        }
    }

    /** The state of one package inspection. */
    private final class Run {
        final Path dir;
        final List<Finding> findings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, PackingList.Asset> packingListAssets = new LinkedHashMap<>();

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
                }
            }
            if (assetMap != null) {
                Map<String, Path> located = locateAssets(assetMap, mappedFiles);
                readPackingLists(assetMap, located);
                checkPackingListAssets(assetMap, located);
                hashAssets(located);
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
                inspectComposition(cpl, rel(cpl), packingListAssets.isEmpty() ? null : packingListAssets, order,
                        findings);
            }
            if (order == null) {
                notes.add("No delivery order given: only structure and integrity were checked");
            }
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
                            "path '" + e.path() + "' is missing, absolute or leads outside the package"));
                    continue;
                }
                mappedFiles.add(path.get());
                if (!Files.isRegularFile(path.get())) {
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
                long actualSize;
                try {
                    actualSize = Files.size(p);
                } catch (IOException e) {
                    findings.add(Finding.of(FindingCode.ASSET_UNREADABLE, file, "Asset " + a.id(), e.toString()));
                    continue;
                }
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
                            "cannot be read to verify its hash: " + r.getValue().error().getMessage()));
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

        private List<Path> listFiles() {
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile).map(Path::normalize).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }

        private String rel(Path p) {
            return dir.relativize(p).toString().replace(File.separatorChar, '/');
        }
    }

    private static boolean rootIs(Path file, String localName) {
        try {
            return localName.equals(SecureXml.parse(file).getDocumentElement().getLocalName());
        } catch (XmlProblem e) {
            return false;
        }
    }
}
