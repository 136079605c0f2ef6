import Foundation
import GANMetrics
import Testing

/// Where downloaded weights and cached features go.
@Suite struct CacheFolderTests {
    @Test func usesAnAbsoluteXDGCacheHome() {
        let url = CacheFolder.url(environment: ["XDG_CACHE_HOME": "/var/cache/me", "HOME": "/home/u"])
        #expect(url.path == "/var/cache/me/gankit")
    }

    @Test func ignoresARelativeXDGCacheHomeAndFallsBackToHome() {
        let url = CacheFolder.url(environment: ["XDG_CACHE_HOME": "rel/cache", "HOME": "/home/u"])
        #expect(url.path == "/home/u/.cache/gankit")
    }

    @Test func fallsBackToHomeWhenUnset() {
        #expect(CacheFolder.url(environment: ["HOME": "/home/u"]).path == "/home/u/.cache/gankit")
    }
}
