package cloudapimock;

import cloudapimock.JavaSdks.CheckFailed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * API groups through the same clients: CreateApiGroup with tags, DescribeApiGroup,
 * DescribeApiGroups by name, the group's tags (ResourceType=apiGroup), ModifyApiGroup, a
 * taken name, DeleteApiGroup.
 */
final class Groups {
    record Group(String groupId, String groupName, String description, String subDomain) {}

    interface Client {
        Group createGroup(String name, String description, Map<String, String> tags) throws Exception;

        Group describeGroup(String id) throws Exception;

        List<Group> groupsByName(String name) throws Exception;

        void modifyGroup(String id, String name, String description) throws Exception;

        void tagGroup(String id, Map<String, String> tags) throws Exception;

        /** Tags of the group, each row checked to be of that group. */
        Map<String, String> listGroupTags(String id) throws Exception;

        void deleteGroup(String id) throws Exception;
    }

    static void run(String config, Client c) {
        JavaSdks.Scenario s = new JavaSdks.Scenario(config, null);
        String label = config.replace('-', '_');
        String reserved = "* ~ + ' ( ) ! & = /";
        String name = label + "_分组";
        String description = label + " group: spaces,  " + reserved + " % : ? # 中文描述";
        String newName = label + "_分组_改";
        String newDescription = label + " group modified: a+b=c & d/e 100% 修改后";
        Map<String, String> tags = JavaSdks.ordered("env", "compat test", "owner " + reserved, "值 = 负责人");
        Map<String, String> moreTags = JavaSdks.ordered("team", "平台 * ~ ( ) !");
        String[] id = new String[1];
        String[] current = new String[1];
        final String create = "CreateApiGroup with tags";
        List<String> needs = List.of(create);

        s.check(create, List.of(), () -> {
            Group g = c.createGroup(name, description, tags);
            if (g.groupId() == null || g.groupId().isEmpty() || g.subDomain() == null || g.subDomain().isEmpty()) {
                throw new CheckFailed("GroupId and SubDomain: expected values, got " + g);
            }
            JavaSdks.expectEqual("GroupName", name, g.groupName());
            id[0] = g.groupId();
            current[0] = name;
        });
        s.check("DescribeApiGroup returns name and description byte-identical", needs, () -> {
            Group g = c.describeGroup(id[0]);
            JavaSdks.expectEqual("GroupId", id[0], g.groupId());
            JavaSdks.expectEqual("GroupName", name, g.groupName());
            JavaSdks.expectEqual("Description", description, g.description());
        });
        s.check("DescribeApiGroups by GroupName", needs, () -> {
            List<Group> all = c.groupsByName(name);
            for (Group g : all) {
                if (g.groupId().equals(id[0])) {
                    JavaSdks.expectEqual("Description", description, g.description());
                    return;
                }
            }
            throw new CheckFailed("GroupName=" + name + ": expected the group " + id[0] + ", got " + all);
        });
        s.check("ListTagResources of the group shows the tags it was created with", needs,
                () -> JavaSdks.expectEqual("ListTagResources", new TreeMap<>(tags), new TreeMap<>(c.listGroupTags(id[0]))));
        s.check("TagResources with ResourceType apiGroup, then ListTagResources", needs, () -> {
            c.tagGroup(id[0], moreTags);
            Map<String, String> want = new TreeMap<>(tags);
            want.putAll(moreTags);
            JavaSdks.expectEqual("ListTagResources", want, new TreeMap<>(c.listGroupTags(id[0])));
        });
        s.check("ModifyApiGroup name and description, then DescribeApiGroup", needs, () -> {
            c.modifyGroup(id[0], newName, newDescription);
            current[0] = newName;
            Group g = c.describeGroup(id[0]);
            JavaSdks.expectEqual("GroupName", newName, g.groupName());
            JavaSdks.expectEqual("Description", newDescription, g.description());
        });
        s.check("CreateApiGroup with a taken name raises RepeatedGroupName", needs, () -> {
            Group other;
            try {
                other = c.createGroup(current[0], "duplicate", Map.of());
            } catch (Exception e) {
                JavaSdks.Scenario.expectCode("CreateApiGroup", "RepeatedGroupName", e);
                return;
            }
            c.deleteGroup(other.groupId());
            throw new CheckFailed("expected the SDK to raise RepeatedGroupName, it returned GroupId " + other.groupId());
        });
        s.check("DeleteApiGroup, then DescribeApiGroup raises NotFoundApiGroup", needs, () -> {
            c.deleteGroup(id[0]);
            try {
                c.describeGroup(id[0]);
            } catch (Exception e) {
                JavaSdks.Scenario.expectCode("DescribeApiGroup after delete", "NotFoundApiGroup", e);
                return;
            }
            throw new CheckFailed("DescribeApiGroup after delete: expected NotFoundApiGroup, it succeeded");
        });
    }

    /** Rows of ListTagResources to a tag map, refusing rows of another resource. */
    static Map<String, String> tagsOf(String id, List<JavaSdks.TagRow> rows) throws CheckFailed {
        Map<String, String> out = new LinkedHashMap<>();
        for (JavaSdks.TagRow r : rows) {
            if (!id.equals(r.resourceId()) || !"apiGroup".equals(r.resourceType())) {
                throw new CheckFailed("ListTagResources: a row of " + r.resourceType() + " " + r.resourceId()
                        + " in the answer for apiGroup " + id);
            }
            out.put(r.tagKey(), r.tagValue());
        }
        return out;
    }


    private Groups() {}
}
