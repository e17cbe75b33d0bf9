// The image server's catalogue as cubbyctl reads it: the newest root filesystem of each product
// for this architecture, nothing whose path or checksum is not plain, and only servers a user
// can trust with what they download (https, or a mirror on loopback).
#include "simplestreams.h"

#include <QTest>

using namespace cubby;

namespace {

const std::string sha(char c) {
    return std::string(64, c);
}

std::string item(const std::string& path, const std::string& checksum,
                 const std::string& type = "root.tar.xz") {
    return R"({"ftype":")" + type + R"(","path":")" + path + R"(","sha256":")" + checksum +
           R"(","size":1234})";
}

std::string catalogue() {
    return R"({"content_id":"images","datatype":"image-downloads","format":"products:1.0",
      "products":{
        "debian:bookworm:amd64:default":{"arch":"amd64","os":"Debian","release":"bookworm",
          "variant":"default","versions":{
            "20241130_05:24":{"items":{"root.tar.xz":)" +
           item("images/debian/bookworm/amd64/default/20241130_05:24/rootfs.tar.xz", sha('a')) +
           R"(}},
            "20241201_05:24":{"items":{"lxd.tar.xz":)" +
           item("images/debian/bookworm/amd64/default/20241201_05:24/lxd.tar.xz", sha('c'),
                "lxd.tar.xz") +
           R"(,"root.tar.xz":)" +
           item("images/debian/bookworm/amd64/default/20241201_05:24/rootfs.tar.xz", sha('b')) +
           R"(}}}},
        "alpine:3.20:amd64:cloud":{"arch":"amd64","os":"Alpine","release":"3.20",
          "variant":"cloud","versions":{"1":{"items":{"root.tar.xz":)" +
           item("images/alpine/3.20/rootfs.tar.xz", sha('d')) + R"(}}}},
        "alpine:3.20:arm64:default":{"arch":"arm64","os":"Alpine","release":"3.20",
          "variant":"default","versions":{"1":{"items":{"root.tar.xz":)" +
           item("images/alpine/arm64/rootfs.tar.xz", sha('e')) + R"(}}}},
        "evil:one:amd64:default":{"arch":"amd64","release":"one","versions":{"1":{"items":{
          "root.tar.xz":)" +
           item("images/../../etc/shadow", sha('f')) + R"(}}}},
        "evil:two:amd64:default":{"arch":"amd64","release":"two","versions":{"1":{"items":{
          "root.tar.xz":)" +
           item("images/two/rootfs.tar.xz", "not-a-checksum") + R"(}}}},
        "evil:three:amd64:default":{"arch":"amd64","release":"a/b","versions":{"1":{"items":{
          "root.tar.xz":)" +
           item("images/three/rootfs.tar.xz", sha('0')) + R"(}}}},
        "vm:only:amd64:default":{"arch":"amd64","release":"only","versions":{"1":{"items":{
          "disk.qcow2":)" +
           item("images/vm/disk.qcow2", sha('1'), "disk-kvm.img") + R"(}}}}
      }})";
}

} // namespace

class TestSimplestreams : public QObject {
    Q_OBJECT

private slots:
    void newestRootfsPerProduct() {
        const auto images = parseImageCatalogue(catalogue(), "amd64");
        QVERIFY2(images, images ? "" : images.error().message.c_str());
        // Sorted by name; the arm64 one, the hostile ones and the VM-only one are left out.
        QCOMPARE(images->size(), size_t{2});
        QCOMPARE((*images)[0].name(), std::string("alpine/3.20/cloud"));
        const ImageEntry& debian = (*images)[1];
        QCOMPARE(debian.name(), std::string("debian/bookworm"));
        QCOMPARE(debian.title, std::string("Debian bookworm"));
        QCOMPARE(debian.version, std::string("20241201_05:24"));
        QCOMPARE(debian.sha256, sha('b'));
        QCOMPARE(debian.size, uint64_t{1234});
        QVERIFY(debian.path.ends_with("20241201_05:24/rootfs.tar.xz"));
        QVERIFY(findImage(*images, "debian/bookworm"));
        QVERIFY(findImage(*images, "debian/bookworm/default"));
        QVERIFY(findImage(*images, "alpine/3.20/cloud"));
        QVERIFY(!findImage(*images, "alpine/3.20"));
        QVERIFY(!findImage(*images, "evil/one"));
        QCOMPARE(parseImageCatalogue(catalogue(), "arm64")->size(), size_t{1});
    }

    void theIndexNamesTheCatalogue() {
        const auto path = imageCataloguePath(
            R"({"format":"index:1.0","index":{"images":{"datatype":"image-downloads",
                "path":"streams/v1/images.json","format":"products:1.0"}}})");
        QVERIFY(path);
        QCOMPARE(*path, std::string("streams/v1/images.json"));
        QVERIFY(!imageCataloguePath(R"({"index":{"images":{"datatype":"image-downloads",
                "path":"/etc/passwd"}}})"));
        QVERIFY(!imageCataloguePath(R"({"index":{"images":{"datatype":"image-downloads",
                "path":"streams/../../x"}}})"));
        QVERIFY(!imageCataloguePath(R"({"index":{}})"));
        QVERIFY(!imageCataloguePath("not json"));
        QVERIFY(!parseImageCatalogue("[1,2", "amd64"));
        QVERIFY(!parseImageCatalogue(R"({"products":[]})", "amd64"));
    }

    void onlyServersWorthTrusting() {
        for (const char* good :
             {"https://images.linuxcontainers.org", "https://mirror.example.org/lxc/",
              "http://127.0.0.1:8080", "http://localhost:1234/images", "http://[::1]:99"})
            QVERIFY2(validateImageServer(good), good);
        for (const char* bad :
             {"file:///etc", "ftp://example.org", "http://images.linuxcontainers.org",
              "http://127.0.0.1.evil.org", "https://user@example.org", "https://", "images.org",
              "https://exa mple.org", "http://localhost.example.org:80"})
            QVERIFY2(!validateImageServer(bad), bad);
        QVERIFY(!validateImageServer("https://" + std::string(300, 'a')));
    }
};

QTEST_GUILESS_MAIN(TestSimplestreams)
#include "test_simplestreams.moc"
