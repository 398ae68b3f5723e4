package org.torch4j.glue;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.bytedeco.javacpp.Loader;

/**
 * Extracts all of LibTorch's native libraries into JavaCPP's cache before any of them is loaded.
 *
 * <p>JavaCPP extracts and loads libraries one at a time. On a first run, when {@code libtorch.so} is
 * loaded, its sibling {@code libtorch_cpu.so} is not yet in the cache, so the dynamic linker looks for it
 * on the system path; a machine with Debian's own LibTorch (package {@code libtorch1.13}, pulled in by
 * {@code python3-torch}) then maps two LibTorch versions into one process and the JVM dies with SIGSEGV.
 * With every file extracted first, {@code $ORIGIN} always finds the bundled siblings.
 */
final class NativeCache {
    private NativeCache() {}

    /** Extracts every file under {@code /<package of cls>/<platform><extension>/} from its jar into the cache. */
    static List<String> extractAll(Class<?> presetClass, String packagePath) throws IOException {
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        List<String> extracted = new ArrayList<>();
        for (String platformDir : new String[] {Loader.getPlatform() + extension, Loader.getPlatform()}) {
            String dir = packagePath + "/" + platformDir + "/";
            URL url = presetClass.getResource("/" + dir);
            if (url == null) {
                continue;
            }
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection)) {
                continue; // exploded on disk: nothing to extract
            }
            JarURLConnection jar = (JarURLConnection) connection;
            String jarUrl = jar.getJarFileURL().toString();
            JarFile file = jar.getJarFile();
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(dir)) {
                    Loader.cacheResource(new URL("jar:" + jarUrl + "!/" + e.getName()));
                    extracted.add(e.getName());
                }
            }
            if (!extracted.isEmpty()) {
                break;
            }
        }
        return extracted;
    }
}
