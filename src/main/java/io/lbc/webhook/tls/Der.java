package io.lbc.webhook.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The little DER the key formats need: read the elements of a SEQUENCE, write a few types. */
final class Der {
  static final int SEQUENCE = 0x30;
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int NULL = 0x05;
  static final int CONTEXT_0 = 0xA0;

  /** One tag-length-value; {@code encoded} is the whole element, {@code content} its value. */
  record Element(int tag, byte[] encoded, byte[] content) {}

  private Der() {}

  /** The elements directly inside a DER SEQUENCE (or any constructed element). */
  static List<Element> children(byte[] der) {
    Element outer = read(der, 0);
    var result = new ArrayList<Element>();
    int offset = 0;
    byte[] content = outer.content();
    while (offset < content.length) {
      Element child = read(content, offset);
      result.add(child);
      offset += child.encoded().length;
    }
    return result;
  }

  static Element read(byte[] data, int offset) {
    if (offset + 2 > data.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = data[offset] & 0xff;
    int first = data[offset + 1] & 0xff;
    int headerLength = 2;
    int length;
    if (first < 0x80) {
      length = first;
    } else {
      int lengthBytes = first & 0x7f;
      if (lengthBytes == 0 || lengthBytes > 3 || offset + 2 + lengthBytes > data.length) {
        throw new IllegalArgumentException("unsupported DER length");
      }
      length = 0;
      for (int i = 0; i < lengthBytes; i++) {
        length = (length << 8) | (data[offset + 2 + i] & 0xff);
      }
      headerLength += lengthBytes;
    }
    int end = offset + headerLength + length;
    if (end > data.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    return new Element(
        tag,
        Arrays.copyOfRange(data, offset, end),
        Arrays.copyOfRange(data, offset + headerLength, end));
  }

  static byte[] element(int tag, byte[]... contents) {
    var content = new ByteArrayOutputStream();
    for (byte[] part : contents) {
      content.writeBytes(part);
    }
    int length = content.size();
    var out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... elements) {
    return element(SEQUENCE, elements);
  }
}
